using Shouldly;
using Xunit;

namespace EventReview.Tests.Parsing;

/// <summary>The same records exported in different formats read the same (groups listed in corpus/bib/SOURCES.md).</summary>
public class CrossFormatTests
{
    [Fact]
    public void EndNote_XML_and_RIS_of_the_blue_light_library_agree_field_by_field()
    {
        var xml = Corpus.Records("endnote_xml/endnote_blue_light_reflib.xml");
        var ris = Corpus.Records("ris/endnote_blue_light_reflib.ris");

        ris.Count.ShouldBe(xml.Count);
        for (var i = 0; i < xml.Count; i++)
        {
            ris[i].Title.ShouldBe(xml[i].Title, $"record {i + 1}");
            ris[i].Doi.ShouldBe(xml[i].Doi, $"record {i + 1}");
            ris[i].Year.ShouldBe(xml[i].Year, $"record {i + 1}");
            ris[i].Pmid.ShouldBe(xml[i].Pmid, $"record {i + 1}");
            ris[i].Authors.ShouldBe(xml[i].Authors, $"record {i + 1}");
            ris[i].Abstract.ShouldBe(xml[i].Abstract, $"record {i + 1}");
        }

        // SOURCES.md: 72 <electronic-resource-num> elements, 98 <abstract> elements.
        xml.Count(r => r.Doi is not null).ShouldBe(72);
        xml.Count(r => r.Abstract is not null).ShouldBe(98);
    }

    [Fact]
    public void MEDLINE_blue_light_records_are_found_in_the_XML_by_PMID_with_the_same_DOI_and_year()
    {
        var xmlByPmid = Corpus.Records("endnote_xml/endnote_blue_light_reflib.xml").ToDictionary(r => r.Pmid!);
        var medline = Corpus.Records("medline/endnote_blue_light_reflib.nbib");

        medline.Count.ShouldBe(80);
        medline.Select(r => r.Pmid).Distinct().Count().ShouldBe(80);
        foreach (var record in medline)
        {
            xmlByPmid.ShouldContainKey(record.Pmid!);
            record.Year.ShouldBe(xmlByPmid[record.Pmid!].Year);
            if (record.Doi is not null)
            {
                record.Doi.ShouldBe(xmlByPmid[record.Pmid!].Doi);
            }
        }

        // SOURCES.md: 29 of the 80 have no "[doi]" line.
        medline.Count(r => r.Doi is not null).ShouldBe(51);
    }

    [Fact]
    public void Embase_RIS_and_CSV_give_the_same_six_titles_in_the_same_order()
    {
        var ris = Corpus.Records("ris/embase_asreview.ris");
        var csv = Corpus.Records("csv/embase_asreview.csv");

        csv.Select(r => r.Title).ShouldBe(ris.Select(r => r.Title));
        csv.Select(r => r.Year).ShouldBe(ris.Select(r => r.Year));
        csv.Select(r => r.Doi).ShouldBe(ris.Select(r => r.Doi));
        ris.Count.ShouldBe(6);
    }

    [Fact]
    public void Restoration_DOI_sets_and_overlaps_are_those_counted_by_hand_in_SOURCES_md()
    {
        var scopus = Corpus.Records("ris/scopus_restoration_revtools.ris").Select(r => r.Doi).OfType<string>().ToHashSet();
        var wos = Corpus.Records("wos/wos_restoration_revtools.ciw").Select(r => r.Doi).OfType<string>().ToHashSet();
        var pubmed = Corpus.Records("medline/pubmed_restoration_revtools.nbib").Select(r => r.Doi).OfType<string>().ToHashSet();

        scopus.Count.ShouldBe(282);
        wos.Count.ShouldBe(176);
        pubmed.Count.ShouldBe(104);
        scopus.Intersect(wos).Count().ShouldBe(62);
        scopus.Intersect(pubmed).Count().ShouldBe(81);
        wos.Intersect(pubmed).Count().ShouldBe(25);
        scopus.Intersect(wos).Intersect(pubmed).Count().ShouldBe(22);
    }
}
