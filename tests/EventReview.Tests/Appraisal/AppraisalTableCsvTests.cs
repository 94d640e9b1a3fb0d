using EventReview.Appraisal;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Appraisal;

public class AppraisalTableCsvTests
{
    private static string Csv(AppraisalTable table)
    {
        using var writer = new StringWriter();
        AppraisalTableCsv.Write(writer, table);
        return writer.ToString();
    }

    [Fact]
    public void Seed_sanra_table_is_written_as_the_paper_lays_it_out()
    {
        // Table 6: Hu et al. 2, 2, 1, 2, 2, 1 = 10/12 (83.3%); Table 2 lists it as accepted.
        var csv = Csv(SeedAppraisals.Table(Sanra2.Instrument, Sanra2.Instrument.DefaultScoring));

        csv.ShouldBe(
            "Study,Importance for the readership,Concrete aims or questions,Literature search,Referencing,Scientific reasoning,Presentation of data,Total,Verdict,Printed total,Printed verdict,Discrepancies\r\n" +
            "Hu et al. (2024),2,2,1,2,2,1,10/12 (83.3%),accepted,,Accepted,\r\n");
    }

    [Fact]
    public void Seed_amstar2_table_carries_the_overall_confidence()
    {
        // Table 5 with the hand-worked confidence: Zeng low (flaw on item 7), Islam and Nawar high.
        var lines = Csv(SeedAppraisals.Table(Amstar2.Instrument, Amstar2.Instrument.DefaultScoring)).Split("\r\n");

        lines[0].ShouldStartWith("Study,PICO,Protocol,");
        lines[0].ShouldEndWith(",Total,Verdict,Overall,Printed total,Printed verdict,Discrepancies");
        lines[1].ShouldBe("Zeng et al. (2022),yes,yes,partial-yes,yes,yes,yes,no,partial-yes,yes,no,yes,partial-yes,yes,yes,partial-yes,partial-yes,14/16 (87.5%),accepted,low,,Accepted,");
        lines[2].ShouldEndWith(",15/16 (93.8%),accepted,high,,Accepted,");
        lines[3].ShouldEndWith(",15/16 (93.8%),accepted,high,,Accepted,");
        lines[4].ShouldBeEmpty();
    }

    [Fact]
    public void Fields_with_commas_quotes_or_line_breaks_are_quoted_and_unrated_items_are_empty()
    {
        var rows = new[] { new AppraisalTableInput("Smith, \"J\"\net al.", new Dictionary<string, string> { ["1"] = "2" }) };
        var table = AppraisalTableBuilder.Build(Sanra2.Instrument, Sanra2.Instrument.DefaultScoring, rows);

        // 2 points of 12 (five unrated items count 0 towards the maximum): 16.7%; no printed columns.
        Csv(table).ShouldBe(
            "Study,Importance for the readership,Concrete aims or questions,Literature search,Referencing,Scientific reasoning,Presentation of data,Total,Verdict\r\n" +
            "\"Smith, \"\"J\"\"\net al.\",2,,,,,,2/12 (16.7%),rejected\r\n");
    }
}
