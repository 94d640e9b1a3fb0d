using EventReview.Deduplication;
using EventReview.Records.Parsing;
using EventReview.Tests.Parsing;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Deduplication;

/// <summary>Duplicate detection over corpus files whose overlaps are known (corpus/bib/SOURCES.md).</summary>
public class CorpusDeduplicationTests
{
    private static List<(string Id, BibRecord Record)> Import(params string[] files) =>
        files.SelectMany(file => Corpus.Records(file).Select((r, i) => ($"{Path.GetFileName(file)}#{i + 1}", r))).ToList();

    private static IReadOnlyList<DuplicateMatch> Match(List<(string Id, BibRecord Record)> imported) =>
        DuplicateMatcher.FindDuplicates(imported.Select(x => DedupCandidate.From(x.Id, x.Record)).ToList());

    [Fact]
    public void Restoration_files_imported_Scopus_then_WoS_then_PubMed_give_the_DOI_duplicates_SOURCES_md_implies()
    {
        // SOURCES.md: Scopus 282 distinct DOIs, WoS 176, PubMed 104; S∩W 62, S∩P 81, W∩P 25, S∩W∩P 22; no DOI repeats
        // inside a file. A record is a DOI duplicate when its DOI was seen in an earlier file:
        //   WoS records:    |W ∩ S|                         = 62
        //   PubMed records: |P ∩ (S ∪ W)| = 81 + 25 - 22    = 84
        //   total                                           = 146
        var imported = Import("ris/scopus_restoration_revtools.ris", "wos/wos_restoration_revtools.ciw", "medline/pubmed_restoration_revtools.nbib");
        var byId = imported.ToDictionary(x => x.Id, x => x.Record);

        var doiMatches = Match(imported).Where(m => m.Method == DuplicateMethod.Doi).ToList();

        doiMatches.Count.ShouldBe(146);
        doiMatches.Count(m => m.DuplicateId.StartsWith("wos_", StringComparison.Ordinal)).ShouldBe(62);
        doiMatches.Count(m => m.DuplicateId.StartsWith("pubmed_", StringComparison.Ordinal)).ShouldBe(84);
        doiMatches.ShouldAllBe(m => byId[m.Evidence.MatchedId].Doi == byId[m.DuplicateId].Doi);
        // A DOI the three files share is kept in its Scopus record.
        doiMatches.Where(m => byId[m.DuplicateId].Doi is { } doi && imported.Any(x => x.Id.StartsWith("scopus_", StringComparison.Ordinal) && x.Record.Doi == doi))
            .ShouldAllBe(m => m.KeptId.StartsWith("scopus_", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_match_points_to_an_earlier_kept_record_that_is_not_itself_a_duplicate()
    {
        var imported = Import("ris/scopus_restoration_revtools.ris", "wos/wos_restoration_revtools.ciw", "medline/pubmed_restoration_revtools.nbib");
        var order = imported.Select((x, i) => (x.Id, i)).ToDictionary(p => p.Id, p => p.i);

        var matches = Match(imported);

        var duplicates = matches.Select(m => m.DuplicateId).ToHashSet();
        duplicates.Count.ShouldBe(matches.Count);
        matches.ShouldAllBe(m => order[m.KeptId] < order[m.DuplicateId] && !duplicates.Contains(m.KeptId));
    }

    [Fact]
    public void Blue_light_RIS_after_its_XML_twin_is_entirely_duplicate_by_DOI_or_else_PMID()
    {
        // SOURCES.md: the same 102 records; 72 carry a DOI, all carry a PubMed accession number.
        var imported = Import("endnote_xml/endnote_blue_light_reflib.xml", "ris/endnote_blue_light_reflib.ris");

        var matches = Match(imported);

        matches.Count.ShouldBe(102);
        matches.Count(m => m.Method == DuplicateMethod.Doi).ShouldBe(72);
        matches.Count(m => m.Method == DuplicateMethod.Pmid).ShouldBe(30);
        matches.ShouldAllBe(m => m.KeptId.StartsWith("endnote_blue_light_reflib.xml#", StringComparison.Ordinal) && m.DuplicateId != m.KeptId);
        matches.Select(m => m.KeptId).Distinct().Count().ShouldBe(102);
    }

    [Fact]
    public void Blue_light_MEDLINE_after_the_XML_is_entirely_duplicate()
    {
        // 80 MEDLINE records, all PMIDs among the XML's; 51 of them with a DOI (29 without, SOURCES.md).
        var imported = Import("endnote_xml/endnote_blue_light_reflib.xml", "medline/endnote_blue_light_reflib.nbib");

        var matches = Match(imported);

        matches.Count.ShouldBe(80);
        matches.Count(m => m.Method == DuplicateMethod.Doi).ShouldBe(51);
        matches.Count(m => m.Method == DuplicateMethod.Pmid).ShouldBe(29);
    }

    [Fact]
    public void Embase_CSV_after_the_Embase_RIS_is_entirely_duplicate()
    {
        var matches = Match(Import("ris/embase_asreview.ris", "csv/embase_asreview.csv"));

        matches.Count.ShouldBe(6);
        matches.ShouldAllBe(m => m.Method == DuplicateMethod.Doi);
    }
}
