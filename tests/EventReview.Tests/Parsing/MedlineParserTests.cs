using EventReview.Records.Parsing;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Parsing;

public class MedlineParserTests
{
    [Fact]
    public void Leading_blank_line_six_space_continuations_and_LID_doi_are_read()
    {
        // pubmed_restoration_revtools.nbib: line 1 blank, PMID on line 2, TI over lines 11-12,
        // "LID - 10.1371/journal.pone.0209483 [doi]" on line 14, IS 1932-6203 (Electronic) and (Linking).
        var first = Corpus.Records("medline/pubmed_restoration_revtools.nbib")[0];

        first.Line.ShouldBe(2);
        first.Pmid.ShouldBe("30689646");
        first.SourceRecordId.ShouldBe("30689646");
        first.Title.ShouldBe("Ecosystem services changes between 2000 and 2015 in the Loess Plateau, China: A response to ecological restoration.");
        first.Doi.ShouldBe("10.1371/journal.pone.0209483");
        first.Issn.ShouldBe(["1932-6203"]);
        first.Year.ShouldBe(2019);
        first.Volume.ShouldBe("14");
        first.Issue.ShouldBe("1");
        first.Pages.ShouldBe("e0209483");
    }

    [Fact]
    public void DOI_is_taken_from_the_LID_marked_doi_not_the_pii()
    {
        // pubmed_synthesisr_example.txt lines 13-14: "LID - S0048-9697(17)30912-9 [pii]" then "LID - 10.1016/j.scitotenv.2017.04.075 [doi]";
        // DP "2017 Nov 15".
        var first = Corpus.Records("medline/pubmed_synthesisr_example.txt")[0];

        first.Doi.ShouldBe("10.1016/j.scitotenv.2017.04.075");
        first.Year.ShouldBe(2017);
        first.Issn.ShouldBe(["1879-1026", "0048-9697"]);
        first.Authors[0].ShouldBe("Neilen, Amanda D");
    }

    [Fact]
    public void CRLF_file_joins_the_title_continuation_without_a_carriage_return()
    {
        // endnote_blue_light_reflib.nbib lines 10-11.
        var first = Corpus.Records("medline/endnote_blue_light_reflib.nbib")[0];

        first.Title.ShouldBe("Formulation of Herbal Gel of Antirrhinum majus Extract and Evaluation of its Anti-Propionibacterium acne Effects.");
        first.Doi.ShouldBe("10.4103/abr.abr_99_17");
    }

    [Fact]
    public void A_PMID_line_starts_a_new_record_even_without_a_blank_line()
    {
        var (records, errors) = Inline.Parse("PMID- 1\nTI  - First\nPMID- 2\nTI  - Second\n", BibFormat.Medline);

        errors.ShouldBeEmpty();
        records.Select(r => r.Pmid).ShouldBe(["1", "2"]);
        records.Select(r => r.Line).ShouldBe([1, 3]);
    }

    [Fact]
    public void Full_author_names_are_preferred_over_initials()
    {
        var (records, _) = Inline.Parse("PMID- 1\nTI  - T\nFAU - Smith, John\nAU  - Smith J\n", BibFormat.Medline);

        records.Single().Authors.ShouldBe(["Smith, John"]);
    }
}
