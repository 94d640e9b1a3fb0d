using System.Net;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.Screening;

/// <summary>
/// That screening's refusals reach the client as the right status and problem details: a broken rule as 409 naming
/// it, a missing role as 403, and a non-member or another review's record as 404. Which votes and resolutions the
/// rules refuse is tested on the decisions themselves (Decisions/CastVoteTests, Decisions/ResolveConflictTests).
/// </summary>
public class ScreeningRuleTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_vote_refused_by_a_rule_is_a_409_problem_naming_the_rule()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];
        await review.VoteAsync(review.S1, record, "include");
        await review.VoteAsync(review.S2, record, "include");

        await (await review.VoteAsync(review.S1, record, "exclude", reasonCode: "wrong-population", note: "Changed my mind"))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "stage-decided");
    }

    [Fact]
    public async Task Only_screeners_vote_and_auditors_change_nothing()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];

        await (await review.VoteAsync(review.Auditor, record, "include")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await review.VoteAsync(review.Lead, record, "include")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await review.SendAsync(review.Auditor, HttpMethod.Post, "/members", new { userId = "x", name = "X", roles = new[] { "lead" } }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await review.RecordPageAsync(user: review.Auditor)).Total.ShouldBe(1);
    }

    [Fact]
    public async Task A_non_member_learns_nothing_about_the_review()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];

        await (await review.SendAsync(review.Outsider, HttpMethod.Get, "")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await review.SendAsync(review.Outsider, HttpMethod.Get, "/records")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await review.SendAsync(review.Outsider, HttpMethod.Get, $"/records/{record}/trail")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await review.VoteAsync(review.Outsider, record, "include")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_record_of_another_review_is_not_found_through_this_one()
    {
        var mine = await ReviewScenario.WithTeamAsync(app);
        var theirs = await ReviewScenario.WithTeamAsync(app);
        var theirRecord = (await theirs.RecordsAsync(1))[0];

        await (await mine.SendAsync(mine.Lead, HttpMethod.Get, $"/records/{theirRecord}/trail")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await mine.VoteAsync(mine.S1, theirRecord, "include")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
