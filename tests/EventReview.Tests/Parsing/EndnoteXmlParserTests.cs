using EventReview.Records.Parsing;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Parsing;

public class EndnoteXmlParserTests
{
    [Fact]
    public void First_blue_light_record_is_read_through_the_style_wrappers()
    {
        // endnote_blue_light_reflib.xml, first <record>: rec-number 895, accession-num 29657938 with provider NLM,
        // isbn "2277-9175 (Print)&#xD;2277-9175", five authors, four keywords.
        var first = Corpus.Records("endnote_xml/endnote_blue_light_reflib.xml")[0];

        first.Title.ShouldBe("Formulation of Herbal Gel of Antirrhinum majus Extract and Evaluation of its Anti-Propionibacterium acne Effects");
        first.Authors.ShouldBe(["Shahtalebi, M. A.", "Asghari, G. R.", "Rahmani, F.", "Shafiee, F.", "Jahanian-Najafabadi, A."]);
        first.Journal.ShouldBe("Adv Biomed Res");
        first.Year.ShouldBe(2018);
        first.Volume.ShouldBe("7");
        first.Pages.ShouldBe("53");
        first.Doi.ShouldBe("10.4103/abr.abr_99_17");
        first.Pmid.ShouldBe("29657938");
        first.SourceRecordId.ShouldBe("29657938");
        first.Issn.ShouldBe(["2277-9175"]);
        first.Keywords.ShouldBe(["Acne", "Antirrhinum majus", "Propionibacterium acnes", "blue light"]);
        first.PublicationType.ShouldBe("Journal Article");
    }

    [Fact]
    public void Several_style_runs_are_concatenated_and_CR_entities_become_spaces()
    {
        const string Text = """
            <?xml version="1.0" encoding="UTF-8" ?><xml><records><record><rec-number>7</rec-number>
            <titles><title><style face="normal">Effect of </style><style face="italic">P. acnes</style><style face="normal"> on&#xD;skin</style></title></titles>
            <keywords><keyword><style>one&#xD;two</style></keyword></keywords>
            <abstract><![CDATA[An <abstract> & more]]></abstract>
            </record></records></xml>
            """;

        var (records, errors) = Inline.Parse(Text, BibFormat.EndnoteXml);

        errors.ShouldBeEmpty();
        var r = records.Single();
        r.Title.ShouldBe("Effect of P. acnes on skin");
        r.Keywords.ShouldBe(["one", "two"]);
        r.Abstract.ShouldBe("An <abstract> & more");
        r.SourceRecordId.ShouldBe("7");
        r.Line.ShouldBe(1);
        r.Pmid.ShouldBeNull();
    }

    [Fact]
    public void A_DTD_entity_is_not_expanded()
    {
        const string Text = """
            <?xml version="1.0"?>
            <!DOCTYPE xml [<!ENTITY big "xxxxxxxxxxxxxxxx">]>
            <xml><records><record><titles><title>&big;</title></titles></record></records></xml>
            """;

        var (records, errors) = Inline.Parse(Text, BibFormat.EndnoteXml);

        records.ShouldBeEmpty();
        errors.Single().Line.ShouldBe(3);
        errors.Single().Message.ShouldStartWith("invalid XML");
    }
}
