using EventReview.Records.Parsing;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Parsing;

public class BibtexParserTests
{
    [Fact]
    public void Scopus_entry_with_a_field_name_containing_a_space_is_read_whole()
    {
        // scopus_synthesisr_example.bib lines 2-28: entry Li2020 with "funding_text 1={...}" and a repeated funding_details.
        var first = Corpus.Records("bibtex/scopus_synthesisr_example.bib")[0];

        first.Line.ShouldBe(2);
        first.SourceRecordId.ShouldBe("Li2020");
        first.Title.ShouldBe("Soil fauna diversity at different stages of reed restoration in a lakeshore wetland at Lake Taihu, China");
        first.Authors.Count.ShouldBe(10);
        first.Authors[0].ShouldBe("Li, W.");
        first.Authors[^1].ShouldBe("Pan, X.");
        first.Year.ShouldBe(2020);
        first.Doi.ShouldBe("10.1080/20964129.2020.1722034");
        first.Issn.ShouldBe(["2096-4129"]);
        first.PublicationType.ShouldBe("Article");
        first.Keywords.ShouldBe(["Environmental factors", "Lake Taihu", "lakeshore wetland", "reed", "soil fauna", "wetland restoration"]);
    }

    [Fact]
    public void LaTeX_accents_escapes_and_dashes_decode_to_Unicode()
    {
        const string Text = """
            @article{k1,
              author = {M{\"u}ller, J{\"o}rg and Sch\"{o}n, K. and Garc\'{\i}a, Ana and {\c{C}}elik, E.},
              title = {Caf\'e \& Co --- {\"O}sterreich's \emph{best} \ss{} 10--20},
              year = 2001,
              pages = {152--160},
              doi = {10.1000/a--b~c},
            }
            """;

        var (records, errors) = Inline.Parse(Text, BibFormat.Bibtex);

        errors.ShouldBeEmpty();
        var r = records.Single();
        r.Authors.ShouldBe(["Müller, Jörg", "Schön, K.", "García, Ana", "Çelik, E."]);
        r.Title.ShouldBe("Café & Co — Österreich's best ß 10–20");
        r.Pages.ShouldBe("152-160");
        r.Doi.ShouldBe("10.1000/a--b~c");
        r.Year.ShouldBe(2001);
    }

    [Fact]
    public void Quoted_values_string_macros_concatenation_and_braced_corporate_authors_are_read()
    {
        const string Text = """
            @string{jnl = "Journal of Tests"}
            @comment{ this is ignored @article{not, title={real}} }
            @ARTICLE(k2,
              author = "{World Health Organization and Partners} and Doe, Jane",
              title = "A {"}quoted{"} title",
              journal = jnl # " Series B",
              month = jan, year = "1999"
            )
            """;

        var (records, errors) = Inline.Parse(Text, BibFormat.Bibtex);

        errors.ShouldBeEmpty();
        var r = records.Single();
        r.Authors.ShouldBe(["World Health Organization and Partners", "Doe, Jane"]);
        r.Title.ShouldBe("A \"quoted\" title");
        r.Journal.ShouldBe("Journal of Tests Series B");
        r.Year.ShouldBe(1999);
        r.PublicationType.ShouldBe("article");
    }

    [Fact]
    public void An_email_address_outside_entries_is_not_an_entry()
    {
        var (records, errors) = Inline.Parse("Contact me@example.org for details.\n@misc{k, title={T}}\n", BibFormat.Bibtex);

        errors.ShouldBeEmpty();
        records.Single().SourceRecordId.ShouldBe("k");
    }
}
