using EventReview.Records.Parsing;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Parsing;

/// <summary>Every corpus file parses to the record count corpus/bib/SOURCES.md gives (counted by hand), with no errors.</summary>
public class CorpusConformanceTests
{
    /// <summary>File, format and record count, from the table in SOURCES.md.</summary>
    public static readonly (string File, BibFormat Format, int Records)[] Expected =
    [
        ("ris/scopus_restoration_revtools.ris", BibFormat.Ris, 286),
        ("ris/ovid_psycinfo_asreview.ris", BibFormat.Ris, 6),
        ("ris/embase_asreview.ris", BibFormat.Ris, 6),
        ("ris/ebsco_asp_synthesisr.ris", BibFormat.Ris, 4),
        ("ris/dimensions_citesource_issue24_synthesisr.ris", BibFormat.Ris, 17),
        ("ris/rayyan_issue992_asreview.ris", BibFormat.Ris, 19),
        ("ris/wos_asreview.ris", BibFormat.Ris, 10),
        ("ris/endnote_blue_light_reflib.ris", BibFormat.Ris, 102),
        ("medline/pubmed_restoration_revtools.nbib", BibFormat.Medline, 104),
        ("medline/pubmed_synthesisr_example.txt", BibFormat.Medline, 3),
        ("wos/wos_restoration_revtools.ciw", BibFormat.Wos, 247),
        ("bibtex/scopus_synthesisr_example.bib", BibFormat.Bibtex, 3),
        ("endnote_xml/endnote_blue_light_reflib.xml", BibFormat.EndnoteXml, 102),
        ("csv/embase_asreview.csv", BibFormat.Csv, 6),
        ("medline/endnote_blue_light_reflib.nbib", BibFormat.Medline, 80),
    ];

    public static TheoryData<string, BibFormat, int> Files
    {
        get
        {
            var data = new TheoryData<string, BibFormat, int>();
            foreach (var (file, format, records) in Expected)
            {
                data.Add(file, format, records);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Corpus_file_gives_the_record_count_in_SOURCES_md_without_errors(string file, BibFormat format, int records)
    {
        var (parsed, errors) = Corpus.Parse(file, format);

        errors.ShouldBeEmpty();
        parsed.Count.ShouldBe(records);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Auto_detection_parses_the_same_records_as_the_named_format(string file, BibFormat format, int records)
    {
        var (parsed, errors) = Corpus.Parse(file, BibFormat.Auto);

        errors.ShouldBeEmpty();
        parsed.Count.ShouldBe(records);
        parsed.Select(r => r.RawHash).ShouldBe(Corpus.Parse(file, format).Records.Select(r => r.RawHash));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Detector_recognises_the_format_of_every_corpus_file(string file, BibFormat format, int records)
    {
        _ = records;
        using var stream = File.OpenRead(Corpus.Bib(file));

        BibFormatDetector.Detect(stream).ShouldBe(format);
        stream.Position.ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_record_has_a_title_a_raw_hash_and_its_start_line(string file, BibFormat format, int records)
    {
        _ = records;
        var parsed = Corpus.Parse(file, format).Records;

        parsed.ShouldAllBe(r => !string.IsNullOrWhiteSpace(r.Title));
        parsed.ShouldAllBe(r => r.RawHash.Length == 64);
        parsed.Select(r => r.Line).ShouldBeInOrder(SortDirection.Ascending);
        parsed.Select(r => r.RawHash).Distinct().Count().ShouldBe(records);
    }

    /// <summary>"N without AB / DO" counts from the table in corpus/bib/SOURCES.md.</summary>
    [Theory]
    [InlineData("ris/scopus_restoration_revtools.ris", 5, 4)]
    [InlineData("ris/rayyan_issue992_asreview.ris", 11, 16)]
    [InlineData("ris/endnote_blue_light_reflib.ris", 4, 30)]
    [InlineData("medline/pubmed_restoration_revtools.nbib", 8, 0)]
    [InlineData("wos/wos_restoration_revtools.ciw", 32, 71)]
    [InlineData("medline/endnote_blue_light_reflib.nbib", 3, 29)]
    [InlineData("endnote_xml/endnote_blue_light_reflib.xml", 102 - 98, 102 - 72)]
    public void Records_without_abstract_or_DOI_are_as_many_as_SOURCES_md_lists(string file, int withoutAbstract, int withoutDoi)
    {
        var records = Corpus.Records(file);

        records.Count(r => r.Abstract is null).ShouldBe(withoutAbstract);
        records.Count(r => r.Doi is null).ShouldBe(withoutDoi);
    }

    [Fact]
    public void EBSCO_file_has_no_DOI_at_all()
    {
        Corpus.Records("ris/ebsco_asp_synthesisr.ris").ShouldAllBe(r => r.Doi == null);
    }
}
