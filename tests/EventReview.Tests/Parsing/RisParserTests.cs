using EventReview.Records.Parsing;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Parsing;

/// <summary>Spot checks against values read from the corpus files by hand (line numbers given).</summary>
public class RisParserTests
{
    [Fact]
    public void Ovid_DOI_given_twice_as_a_dx_doi_org_URL_gives_one_bare_DOI()
    {
        // ovid_psycinfo_asreview.ris lines 4 and 23: "DO  - http://dx.doi.org/10.1002/cpp.2398".
        var first = Corpus.Records("ris/ovid_psycinfo_asreview.ris")[0];

        first.Doi.ShouldBe("10.1002/cpp.2398");
    }

    [Fact]
    public void Ovid_record_number_lines_are_skipped_and_A1_T1_Y1_N2_tags_are_read()
    {
        var first = Corpus.Records("ris/ovid_psycinfo_asreview.ris")[0];

        // Line 1 is "1.", the record starts at line 2.
        first.Line.ShouldBe(2);
        first.Title.ShouldBe("The influence of self-criticism on depression symptoms among ambulatory patients with inflammatory bowel disease.");
        first.Authors.ShouldBe(["Trindade, Ines A", "Irons, Chris", "Ferreira, Claudia", "Portela, Francisco", "Pinto-Gouveia, Jose"]);
        first.Year.ShouldBe(2019);
        first.Journal.ShouldBe("Clinical Psychology & Psychotherapy");
        first.Issn.ShouldBe(["1063-3995"]);
        first.SourceRecordId.ShouldBe("2019-65183-001");
        first.Abstract.ShouldNotBeNull().ShouldStartWith("Considering that self-criticism is an important process");
    }

    [Fact]
    public void Scopus_abstract_continued_on_an_untagged_Portuguese_line_is_joined()
    {
        // scopus_restoration_revtools.ris line 3859 (AB) ends "...closure of the ileostomy during chemotherapy."
        // and untagged line 3860 starts "OBJETIVO: avaliar ..." and ends "...durante quimioterapia."
        var record = Corpus.Records("ris/scopus_restoration_revtools.ris").Single(r => r.Doi == "10.1590/0100-6991e-20181998");

        record.Abstract.ShouldNotBeNull();
        record.Abstract.ShouldStartWith("OBJECTIVE: to evaluate the factors associated with non-closure of protective ileostomy");
        record.Abstract.ShouldContain("closure of the ileostomy during chemotherapy. OBJETIVO: avaliar os fatores associados ao não fechamento");
        record.Abstract.ShouldEndWith("durante quimioterapia.");
        record.Authors[0].ShouldBe("da-Fonseca, L.M.");
        record.Pages.ShouldBe("e1998");
    }

    [Fact]
    public void EBSCO_CRLF_file_keeps_non_ASCII_authors_and_reads_Y1_with_slashes()
    {
        // ebsco_asp_synthesisr.ris lines 1-15: AU "Rodríguez-Pastor, Ruth" ... "Mougeot, François", Y1 "2016/09//",
        // SP 206, EP 217, SN 01678809; the title is in curly quotes.
        var first = Corpus.Records("ris/ebsco_asp_synthesisr.ris")[0];

        first.Authors.ShouldBe(["Rodríguez-Pastor, Ruth", "Luque-Larena, Juan José", "Lambin, Xavier", "Mougeot, François"]);
        first.Title.ShouldBe("\u201CLiving on the edge\u201D: The role of field margins for common vole (Microtus arvalis) populations in recently colonised Mediterranean farmland.");
        first.Year.ShouldBe(2016);
        first.Pages.ShouldBe("206-217");
        first.Issn.ShouldBe(["0167-8809"]);
        first.Title!.ShouldNotContain("\r");
    }

    [Fact]
    public void EBSCO_two_AB_lines_are_both_kept_in_the_abstract()
    {
        var first = Corpus.Records("ris/ebsco_asp_synthesisr.ris")[0];

        first.Abstract.ShouldNotBeNull().ShouldStartWith("Small rodents are common inhabitants of farmlands");
        first.Abstract.ShouldContain("Copyright", Case.Sensitive);
    }

    [Fact]
    public void Embase_BOM_is_skipped_and_duplicated_SN_gives_one_ISSN()
    {
        // embase_asreview.ris starts with EF BB BF then "TY  - JOUR"; lines 8-9 are "SN  - 2226-7190" twice.
        var first = Corpus.Records("ris/embase_asreview.ris")[0];

        first.Line.ShouldBe(1);
        first.PublicationType.ShouldBe("JOUR");
        first.Issn.ShouldBe(["2226-7190"]);
        first.Doi.ShouldBe("10.4103/2303-9027.138783");
        first.Authors.ShouldBe(["Liu R.", "Adler D.G."]);
    }

    [Fact]
    public void Dimensions_ISSN_continued_on_an_untagged_line_gives_both_ISSNs()
    {
        // dimensions_citesource_issue24_synthesisr.ris lines 104-105: "SN  - 0956-053X" then "1879-2456".
        var record = Corpus.Records("ris/dimensions_citesource_issue24_synthesisr.ris").Single(r => r.Doi == "10.1016/j.wasman.2016.08.025");

        record.Issn.ShouldBe(["0956-053X", "1879-2456"]);
        record.Pages.ShouldBe("359-368");
        record.Year.ShouldBe(2016);
    }

    [Fact]
    public void Rayyan_keywords_on_untagged_lines_after_one_KW_are_separate_keywords()
    {
        // rayyan_issue992_asreview.ris lines 4-17.
        var first = Corpus.Records("ris/rayyan_issue992_asreview.ris")[0];

        first.Keywords.ShouldBe([
            "Health Facility Administration", "Joint Commission", "Standards", "Medication Errors", "Prevention and Control",
            "Medication Reconciliation", "Organizational Compliance", "Quality Improvement", "Electronic Health Records",
            "Consumer Participation", "Literacy", "Medication History", "Patient Education",
        ]);
        first.Authors.ShouldBeEmpty();
        first.SourceRecordId.ShouldBe("rayyan-264552525");
    }

    [Fact]
    public void WoS_RIS_times_cited_lines_do_not_disturb_the_record()
    {
        // wos_asreview.ris lines 1-46: AU "Alceste, F", "Luke, TJ", "Kassin, SM"; AN WOS:000444108200009;
        // lines 44-45 are the untagged "Total Times Cited:  7" and "Cited Reference Count:  30".
        var first = Corpus.Records("ris/wos_asreview.ris")[0];

        first.Authors.ShouldBe(["Alceste, F", "Luke, TJ", "Kassin, SM"]);
        first.SourceRecordId.ShouldBe("WOS:000444108200009");
        first.Doi.ShouldBe("10.1016/j.jarmac.2018.03.001");
    }

    [Fact]
    public void EndNote_RIS_with_BOM_and_CRLF_splits_multi_line_keywords_and_takes_the_PMID_from_AN()
    {
        // endnote_blue_light_reflib.ris lines 1-44: KW over four lines, AN 29657938 with DP NLM, SN "2277-9175 (Print)" + "2277-9175".
        var first = Corpus.Records("ris/endnote_blue_light_reflib.ris")[0];

        first.Keywords.ShouldBe(["Acne", "Antirrhinum majus", "Propionibacterium acnes", "blue light"]);
        first.Pmid.ShouldBe("29657938");
        first.Issn.ShouldBe(["2277-9175"]);
        first.Doi.ShouldBe("10.4103/abr.abr_99_17");
        first.Title.ShouldBe("Formulation of Herbal Gel of Antirrhinum majus Extract and Evaluation of its Anti-Propionibacterium acne Effects");
    }

    [Fact]
    public void Accession_number_is_not_taken_as_a_PMID_unless_the_database_is_PubMed()
    {
        var (records, errors) = Inline.Parse("TY  - JOUR\nTI  - A title\nAN  - 117372971\nDB  - Academic Search Premier\nER  - \n", BibFormat.Ris);

        errors.ShouldBeEmpty();
        records.Single().Pmid.ShouldBeNull();
        records.Single().SourceRecordId.ShouldBe("117372971");
    }

    [Fact]
    public void Same_record_with_CRLF_or_LF_line_endings_has_the_same_raw_hash()
    {
        const string Text = "TY  - JOUR\nTI  - A title\nER  - \n";

        var lf = Inline.Parse(Text, BibFormat.Ris).Records.Single();
        var crlf = Inline.Parse(Text.Replace("\n", "\r\n"), BibFormat.Ris).Records.Single();

        crlf.RawHash.ShouldBe(lf.RawHash);
        // printf 'TY  - JOUR\nTI  - A title\nER  - \n' | sha256sum
        lf.RawHash.ShouldBe("1291b19709f504db9a029b282b557c4a08ac92a52baa89d50b05048f3fef03fb");
    }
}
