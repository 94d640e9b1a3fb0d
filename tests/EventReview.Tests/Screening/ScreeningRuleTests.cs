using System.Net;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.Screening;

public class ScreeningRuleTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_duplicate_or_removed_record_takes_no_vote()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var records = await review.RecordsAsync(3);
        await review.OkAsync(review.Lead, HttpMethod.Post, $"/records/{records[1]}/duplicate-of", new { recordId = records[0], note = "Same DOI" });
        await review.OkAsync(review.Lead, HttpMethod.Post, $"/records/{records[2]}/removal", new { reason = "automation", detail = "RobotSearch: not an RCT" });

        await (await review.VoteAsync(review.S1, records[1], "include")).ShouldBeProblemAsync(HttpStatusCode.Conflict, "record-is-duplicate");
        await (await review.VoteAsync(review.S1, records[2], "include")).ShouldBeProblemAsync(HttpStatusCode.Conflict, "record-removed");
    }

    [Fact]
    public async Task Full_text_votes_wait_for_title_abstract_inclusion()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];

        await (await review.VoteAsync(review.S1, record, "include", "full-text")).ShouldBeProblemAsync(HttpStatusCode.Conflict, "stage-not-reached");
    }

    [Fact]
    public async Task No_vote_after_the_decision_at_that_stage()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];
        await review.VoteAsync(review.S1, record, "include");
        await review.VoteAsync(review.S2, record, "include");

        await (await review.VoteAsync(review.S1, record, "exclude", reasonCode: "wrong-population", note: "Changed my mind"))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "stage-decided");
    }

    [Fact]
    public async Task No_resolution_when_the_votes_agree()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];
        await review.VoteAsync(review.S1, record, "maybe");
        await review.VoteAsync(review.S2, record, "maybe");
        (await review.ResolveAsync(review.Lead, record, "include")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var other = (await review.RecordsAsync(1, "Embase"))[0];
        await review.VoteAsync(review.S1, other, "include");
        await review.VoteAsync(review.S2, other, "include");
        await (await review.ResolveAsync(review.Lead, other, "exclude", reasonCode: "wrong-population"))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "stage-decided");
    }

    [Fact]
    public async Task A_third_independent_vote_is_refused_once_the_required_votes_are_in()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var third = "s3-" + review.Lead[5..];
        await review.OkAsync(review.Lead, HttpMethod.Post, "/members", new { userId = third, name = "Screener Three", roles = new[] { "screener" } });
        var record = (await review.RecordsAsync(1))[0];
        await review.VoteAsync(review.S1, record, "include");
        await review.VoteAsync(review.S2, record, "exclude", reasonCode: "wrong-population");

        await (await review.VoteAsync(third, record, "include")).ShouldBeProblemAsync(HttpStatusCode.Conflict, "votes-complete");
    }

    [Fact]
    public async Task Full_text_exclusion_needs_a_reason_from_the_catalogue()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];
        await review.ToFullTextAsync(record);

        await (await review.VoteAsync(review.S1, record, "exclude", "full-text")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await review.VoteAsync(review.S1, record, "exclude", "full-text", "not-a-reason")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await review.VoteAsync(review.S1, record, "exclude", "full-text", "wrong-population")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Only_screeners_vote_and_auditors_change_nothing()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];

        await (await review.VoteAsync(review.Auditor, record, "include")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await review.VoteAsync(review.Lead, record, "include")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await review.RetrievalAsync(record, true)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "not-sought-for-retrieval");
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
