using EventReview.Records.Parsing;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Parsing;

public class CsvParserTests
{
    [Fact]
    public void Embase_year_volume_issue_and_pages_come_from_the_Source_citation()
    {
        // embase_asreview.csv row 1: Source "Endoscopic Ultrasound (2014) 3:3 (152-160). Date of Publication: 2014",
        // Author Names "Liu R., Adler D.G.", Open URL Link "...&id=doi:10.4103%2F2303-9027.138783&...".
        var first = Corpus.Records("csv/embase_asreview.csv")[0];

        first.Line.ShouldBe(2);
        first.Title.ShouldBe("Duplication cysts: Diagnosis, management, and the role of endoscopic ultrasound");
        first.Authors.ShouldBe(["Liu R.", "Adler D.G."]);
        first.Journal.ShouldBe("Endoscopic Ultrasound");
        first.Year.ShouldBe(2014);
        first.Volume.ShouldBe("3");
        first.Issue.ShouldBe("3");
        first.Pages.ShouldBe("152-160");
        first.Doi.ShouldBe("10.4103/2303-9027.138783");
        first.Keywords.ShouldContain("bronchogenic duplication cyst (diagnosis, surgery)");
    }

    [Fact]
    public void Embase_citation_without_an_issue_gives_volume_and_pages()
    {
        // Row 3: "International Journal of Surgery Case Reports (2019) 54 (83-86). Date of Publication: 1 Jan 2019".
        var third = Corpus.Records("csv/embase_asreview.csv")[2];

        third.Journal.ShouldBe("International Journal of Surgery Case Reports");
        third.Year.ShouldBe(2019);
        third.Volume.ShouldBe("54");
        third.Issue.ShouldBeNull();
        third.Pages.ShouldBe("83-86");
    }

    [Fact]
    public void Quoted_fields_with_delimiters_quotes_and_line_breaks_follow_RFC_4180()
    {
        const string Text = "Authors,Title,Year,Source title,DOI,Abstract\r\n"
            + "\"Smith J.; Doe J.\",\"A \"\"quoted\"\", title\",2020,Journal A,https://doi.org/10.1/ABC,\"line one\r\nline two\"\r\n"
            + "Roe R.,Second,2019,Journal B,,\r\n";

        var (records, errors) = Inline.Parse(Text, BibFormat.Csv);

        errors.ShouldBeEmpty();
        records.Count.ShouldBe(2);
        records[0].Authors.ShouldBe(["Smith J.", "Doe J."]);
        records[0].Title.ShouldBe("A \"quoted\", title");
        records[0].Doi.ShouldBe("10.1/abc");
        records[0].Abstract.ShouldBe("line one line two");
        records[0].Journal.ShouldBe("Journal A");
        records[1].Line.ShouldBe(4);
        records[1].Doi.ShouldBeNull();
    }

    [Fact]
    public void Tab_separated_Web_of_Science_export_is_read_by_its_two_letter_columns()
    {
        const string Text = "PT\tAU\tTI\tSO\tPY\tDI\tUT\tPM\n"
            + "J\tLuke, TJ; Kassin, SM\tA title\tA JOURNAL\t2018\t10.1/X\tWOS:000000000000001\t123\n";

        var (records, errors) = Inline.Parse(Text, BibFormat.Auto);

        errors.ShouldBeEmpty();
        var r = records.Single();
        r.Authors.ShouldBe(["Luke, TJ", "Kassin, SM"]);
        r.Journal.ShouldBe("A JOURNAL");
        r.Year.ShouldBe(2018);
        r.Doi.ShouldBe("10.1/x");
        r.SourceRecordId.ShouldBe("WOS:000000000000001");
        r.Pmid.ShouldBe("123");
        r.PublicationType.ShouldBe("J");
    }

    [Fact]
    public void Header_without_a_title_column_is_one_error()
    {
        var (records, errors) = Inline.Parse("Name,Value\na,b\n", BibFormat.Csv);

        records.ShouldBeEmpty();
        errors.ShouldBe([new ParseError(1, "CSV header has no title column (expected Title, Article Title, Document Title or TI)")]);
    }
}
