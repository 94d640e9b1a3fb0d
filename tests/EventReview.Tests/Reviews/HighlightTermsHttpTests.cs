using System.Net;
using EventReview.Reviews;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.Reviews;

/// <summary>The highlighted terms over HTTP: set by the lead, read by every member with the review, refused whole.</summary>
public class HighlightTermsHttpTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_leads_terms_are_answered_and_every_member_reads_them_with_the_review()
    {
        var review = await ReviewScenario.WithTeamAsync(app);

        var set = await review.SendAsync(review.Lead, HttpMethod.Put, "/highlights", new { include = new[] { " cardi* ", "Heart", "heart" }, exclude = new[] { "mice" } });

        set.StatusCode.ShouldBe(HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        Lists(await set.ReadJsonAsync<HighlightTerms>()).ShouldBe("cardi*,Heart / mice");
        Lists((await review.GetAsync<Review>(review.S1, "")).Highlights).ShouldBe("cardi*,Heart / mice");
        Lists((await review.GetAsync<Review>(review.Lead, "")).Highlights).ShouldBe("cardi*,Heart / mice");
    }

    [Fact]
    public async Task A_term_in_both_lists_is_a_409_naming_the_rule_and_the_terms_stay_as_they_were()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        await review.OkAsync(review.Lead, HttpMethod.Put, "/highlights", new { include = new[] { "heart" }, exclude = Array.Empty<string>() });

        var refused = await review.SendAsync(review.Lead, HttpMethod.Put, "/highlights", new { include = new[] { "Mice" }, exclude = new[] { "mice" } });

        await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "highlight-term-in-both-lists");
        Lists((await review.GetAsync<Review>(review.S1, "")).Highlights).ShouldBe("heart / ");
    }

    [Fact]
    public async Task A_screener_cannot_set_the_terms()
    {
        var review = await ReviewScenario.WithTeamAsync(app);

        var refused = await review.SendAsync(review.S1, HttpMethod.Put, "/highlights", new { include = new[] { "heart" }, exclude = Array.Empty<string>() });

        await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        Lists((await review.GetAsync<Review>(review.Lead, "")).Highlights).ShouldBe(" / ");
    }

    private static string Lists(HighlightTerms terms) => $"{string.Join(",", terms.Include)} / {string.Join(",", terms.Exclude)}";
}
