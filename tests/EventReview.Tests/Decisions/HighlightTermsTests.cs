using EventReview.Reviews;
using EventReview.Rules;
using Shouldly;
using static EventReview.Tests.Decisions.DecisionSpec;
using static EventReview.Tests.Decisions.Histories;

namespace EventReview.Tests.Decisions;

/// <summary>The search terms a lead sets for screeners to see highlighted: who may set them and how the lists are kept.</summary>
public class HighlightTermsTests
{
    [Fact]
    public void A_lead_sets_both_lists_trimmed_each_term_once_whatever_its_case()
    {
        Given(ReviewWithTeam())
            .When(h => SetHighlightTermsEndpoint.Decide(h.Review,
                new SetHighlightTerms([" stem cell* ", "Heart", "heart"], ["mice", "MICE", "rat*"]), Lead))
            .Then(new HighlightTermsSet(ReviewId, ["stem cell*", "Heart"], ["mice", "rat*"], Lead));
    }

    [Fact]
    public void Empty_lists_clear_the_terms_and_the_review_then_highlights_nothing()
    {
        var history = Given(ReviewWithTeam(), new HighlightTermsSet(ReviewId, ["heart"], ["mice"], Lead));
        history
            .When(h => SetHighlightTermsEndpoint.Decide(h.Review, new SetHighlightTerms([], []), Lead))
            .Then(new HighlightTermsSet(ReviewId, [], [], Lead));
    }

    [Fact]
    public void The_review_shows_the_latest_lists()
    {
        var review = FoldedHistory.Of([.. ReviewWithTeam(),
            new HighlightTermsSet(ReviewId, ["heart"], ["mice"], Lead),
            new HighlightTermsSet(ReviewId, ["cardi*"], [], Lead)]).Review;

        review.Highlights.Include.ShouldBe(["cardi*"]);
        review.Highlights.Exclude.ShouldBeEmpty();
    }

    [Fact]
    public void A_term_in_both_lists_is_refused_whatever_its_case()
    {
        Given(ReviewWithTeam())
            .When(h => SetHighlightTermsEndpoint.Decide(h.Review, new SetHighlightTerms(["Mice", "heart"], ["mice"]), Lead))
            .ThenRefused(RefusalKind.Conflict, "highlight-term-in-both-lists");
    }

    [Fact]
    public void Only_a_lead_sets_the_terms()
    {
        Given(ReviewWithTeam())
            .When(h => SetHighlightTermsEndpoint.Decide(h.Review, new SetHighlightTerms(["heart"], []), S1))
            .ThenRefused(RefusalKind.Forbidden);
        Given(ReviewWithTeam())
            .When(h => SetHighlightTermsEndpoint.Decide(h.Review, new SetHighlightTerms(["heart"], []), Outsider))
            .ThenRefused(RefusalKind.NotFound);
    }

    [Theory]
    [InlineData("heart")]
    [InlineData("stem cell*")]
    [InlineData("β-blocker*")]
    public void A_word_a_phrase_or_a_prefix_is_a_valid_term(string term) =>
        SetHighlightTermsEndpoint.Validate(new SetHighlightTerms([term], [])).ShouldBe(Hosting.Problems.None);

    [Theory]
    [InlineData("*")]
    [InlineData("he*rt")]
    [InlineData("heart**")]
    [InlineData(" ")]
    public void A_term_that_is_blank_or_has_a_wildcard_other_than_at_its_end_is_invalid(string term) =>
        SetHighlightTermsEndpoint.Validate(new SetHighlightTerms([], [term])).Detail.ShouldNotBeNull().ShouldContain("'exclude'");

    [Fact]
    public void Lists_are_required_and_hold_at_most_a_hundred_terms_of_a_hundred_characters()
    {
        SetHighlightTermsEndpoint.Validate(new SetHighlightTerms(null, [])).Detail.ShouldNotBeNull().ShouldContain("'include' is required");
        SetHighlightTermsEndpoint.Validate(new SetHighlightTerms([.. Enumerable.Range(0, 101).Select(i => $"t{i}")], [])).Detail
            .ShouldNotBeNull().ShouldContain("at most 100 terms");
        SetHighlightTermsEndpoint.Validate(new SetHighlightTerms([.. Enumerable.Range(0, 100).Select(i => $"t{i}")], [new string('a', 100)]))
            .ShouldBe(Hosting.Problems.None);
        SetHighlightTermsEndpoint.Validate(new SetHighlightTerms([], [new string('a', 101)])).Detail.ShouldNotBeNull().ShouldContain("'exclude'");
    }
}
