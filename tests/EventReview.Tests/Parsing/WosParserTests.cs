using EventReview.Records.Parsing;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Parsing;

public class WosParserTests
{
    [Fact]
    public void First_restoration_record_reads_three_space_continuations()
    {
        // wos_restoration_revtools.ciw lines 3-45: AF over six lines, TI over two, ID over four, BP 598 / EP 607,
        // DI 10.1016/j.scitotenv.2018.11.375, UT WOS:000455039600059, PM 30529964.
        var first = Corpus.Records("wos/wos_restoration_revtools.ciw")[0];

        first.Line.ShouldBe(3);
        first.Authors.ShouldBe(["Alvarez-Manzaneda, I.", "Guerreroc, F.", "del Arco, I.", "Funes, A.", "Cruz-Pizarro, L.", "de Vicente, I."]);
        first.Title.ShouldBe("Do magnetic phosphorus adsorbents used for lake restoration impact on zooplankton community?");
        first.Journal.ShouldBe("SCIENCE OF THE TOTAL ENVIRONMENT");
        first.Year.ShouldBe(2019);
        first.Volume.ShouldBe("656");
        first.Pages.ShouldBe("598-607");
        first.Doi.ShouldBe("10.1016/j.scitotenv.2018.11.375");
        first.Pmid.ShouldBe("30529964");
        first.SourceRecordId.ShouldBe("WOS:000455039600059");
        first.Issn.ShouldBe(["0048-9697", "1879-1026"]);
        first.Keywords.ShouldContain("TROPHIC STATE INDEX");
        first.Keywords.ShouldContain("Lake restoration");
    }

    [Fact]
    public void Header_and_end_of_file_lines_are_not_records()
    {
        var (records, errors) = Inline.Parse("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI A title\nER\n\nEF\n", BibFormat.Wos);

        errors.ShouldBeEmpty();
        records.Single().Title.ShouldBe("A title");
        records.Single().Line.ShouldBe(3);
    }
}
