using EventReview.Deduplication;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Deduplication;

public class DuplicateMatcherTests
{
    private const string Title = "Long-term follow-up of retinal pigment epithelium restoration after a triple tear";

    private static DedupCandidate Record(string id, string? doi = null, string? pmid = null, string? title = Title, int? year = 2019, string? author = "Zahid, S.") =>
        new(id, doi, pmid, title, year, author);

    [Fact]
    public void Same_DOI_in_any_spelling_is_a_duplicate_of_the_earliest_record()
    {
        var matches = DuplicateMatcher.FindDuplicates([
            Record("a", doi: "10.1097/ICB.0000000000000530", title: "One"),
            Record("b", doi: "https://doi.org/10.1097/icb.0000000000000530", title: "Two"),
            Record("c", doi: "doi:10.1097/ICB.0000000000000530", title: "Three"),
        ]);

        matches.ShouldBe([
            new DuplicateMatch("b", "a", DuplicateMethod.Doi, new MatchEvidence("a", Doi: "10.1097/icb.0000000000000530")),
            new DuplicateMatch("c", "a", DuplicateMethod.Doi, new MatchEvidence("a", Doi: "10.1097/icb.0000000000000530")),
        ]);
    }

    [Fact]
    public void Same_PMID_is_a_duplicate_when_the_DOIs_do_not_decide()
    {
        var matches = DuplicateMatcher.FindDuplicates([
            Record("a", pmid: "30529964", title: "One"),
            Record("b", doi: "10.1/x", pmid: "30529964", title: "Two"),
        ]);

        matches.ShouldBe([new DuplicateMatch("b", "a", DuplicateMethod.Pmid, new MatchEvidence("a", Pmid: "30529964"))]);
    }

    [Fact]
    public void Title_differing_in_case_punctuation_and_accents_with_same_year_and_first_author_is_a_fuzzy_duplicate()
    {
        var matches = DuplicateMatcher.FindDuplicates([
            Record("a", title: Title, author: "Zahid, S."),
            Record("b", title: "LONG-TERM FOLLOW-UP OF RETINAL PIGMENT EPITHELIUM RESTORATION AFTER A TRIPLE TEAR.", author: "Zahid S"),
        ]);

        var match = matches.ShouldHaveSingleItem();
        match.Method.ShouldBe(DuplicateMethod.Fuzzy);
        match.KeptId.ShouldBe("a");
        match.Evidence.TitleSimilarity.ShouldBe(1.0);
        match.Evidence.Year.ShouldBe(2019);
        match.Evidence.FirstAuthorKey.ShouldBe("zahid");
        match.Evidence.TitleKey.ShouldBe("long term follow up of retinal pigment epithelium restoration after a triple tear");
    }

    [Fact]
    public void Similarity_is_compared_with_the_threshold()
    {
        // Title keys of 81 and 82 characters ("...triple tear" / "...triple tears"), one insertion apart:
        // similarity 1 - 1/82 = 0.98780 (rounded to 4 places in the evidence).
        var near = Record("b", title: Title + "s");

        DuplicateMatcher.FindDuplicates([Record("a"), near]).ShouldHaveSingleItem().Evidence.TitleSimilarity.ShouldBe(0.9878);
        DuplicateMatcher.FindDuplicates([Record("a"), near], new DedupOptions { TitleSimilarityThreshold = 0.99 }).ShouldBeEmpty();
    }

    [Fact]
    public void Different_year_or_first_author_is_not_a_fuzzy_duplicate()
    {
        DuplicateMatcher.FindDuplicates([Record("a"), Record("b", year: 2018)]).ShouldBeEmpty();
        DuplicateMatcher.FindDuplicates([Record("a"), Record("b", author: "Freund, K.B.")]).ShouldBeEmpty();
        DuplicateMatcher.FindDuplicates([Record("a"), Record("b", year: 2018)], new DedupOptions { YearTolerance = 1 }).ShouldHaveSingleItem();
    }

    [Fact]
    public void Different_DOIs_veto_a_fuzzy_match()
    {
        DuplicateMatcher.FindDuplicates([Record("a", doi: "10.1/a"), Record("b", doi: "10.1/erratum")]).ShouldBeEmpty();
        DuplicateMatcher.FindDuplicates([Record("a", doi: "10.1/a"), Record("b")]).ShouldHaveSingleItem();
    }

    [Fact]
    public void Short_titles_never_match_fuzzily()
    {
        DuplicateMatcher.FindDuplicates([Record("a", title: "Editorial"), Record("b", title: "Editorial")]).ShouldBeEmpty();
    }

    [Fact]
    public void A_chain_of_matches_keeps_the_earliest_record()
    {
        // c matches b by title only; b matches a by DOI: all three are one article, a is kept.
        var matches = DuplicateMatcher.FindDuplicates([
            Record("a", doi: "10.1/x", title: "Something else entirely"),
            Record("b", doi: "10.1/x"),
            Record("c"),
        ]);

        matches.ShouldBe([
            new DuplicateMatch("b", "a", DuplicateMethod.Doi, new MatchEvidence("a", Doi: "10.1/x")),
            new DuplicateMatch("c", "a", DuplicateMethod.Fuzzy, new MatchEvidence("b", TitleKey: MatchKeys.Title(Title), Year: 2019, FirstAuthorKey: "zahid", TitleSimilarity: 1.0)),
        ]);
    }

    [Fact]
    public void Two_earlier_records_joined_only_by_a_later_one_collapse_into_one_group()
    {
        // a and b share nothing; c has a's DOI and b's PMID, so a, b and c are the same article.
        var matches = DuplicateMatcher.FindDuplicates([
            Record("a", doi: "10.1/x", title: "First title here"),
            Record("b", pmid: "42", title: "Second title there"),
            Record("c", doi: "10.1/x", pmid: "42", title: "Third title anywhere"),
        ]);

        matches.ShouldBe([
            new DuplicateMatch("b", "a", DuplicateMethod.Pmid, new MatchEvidence("c", Pmid: "42")),
            new DuplicateMatch("c", "a", DuplicateMethod.Doi, new MatchEvidence("a", Doi: "10.1/x")),
        ]);
    }

    [Fact]
    public void Result_depends_only_on_the_input_order()
    {
        var records = Enumerable.Range(0, 50).Select(i => Record($"r{i}", doi: i % 3 == 0 ? $"10.1/{i % 7}" : null, pmid: i % 5 == 0 ? $"{i % 4}" : null)).ToList();

        var first = DuplicateMatcher.FindDuplicates(records);
        var second = DuplicateMatcher.FindDuplicates(records);

        second.ShouldBe(first);
        first.Select(m => m.KeptId).Distinct().ShouldBe(["r0"]);
        first.Count.ShouldBe(49);
    }

    [Fact]
    public void Repeated_record_ids_are_rejected()
    {
        Should.Throw<ArgumentException>(() => DuplicateMatcher.FindDuplicates([Record("a"), Record("a")]));
    }
}
