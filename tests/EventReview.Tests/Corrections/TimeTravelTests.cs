using System.Globalization;
using System.Net;
using EventReview.Records;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.Corrections;

/// <summary>Every read at a past moment derives everything from the events up to then, and a moment before the thing existed is a 404.</summary>
public class TimeTravelTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_trail_as_of_yesterday_shows_yesterdays_status_with_yesterdays_events()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];
        await review.VoteAsync(review.S1, record, "exclude", reasonCode: "wrong-population");
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        await review.VoteAsync(review.S2, record, "exclude", reasonCode: "wrong-population");
        (await review.StatusOfAsync(record)).ShouldBe(RecordStatus.ExcludedTitleAbstract);

        var past = await review.GetAsync<RecordTrail>(review.Lead, $"/records/{record}/trail?asOf={At(between)}");

        past.Status.ShouldBe(RecordStatus.AwaitingTitleAbstract);
        past.Names.ShouldBe(["record_imported", "screening_vote_cast"]);
    }

    [Fact]
    public async Task The_record_list_as_of_a_past_moment_shows_the_statuses_of_that_moment()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var records = await review.RecordsAsync(3);
        await review.VoteAsync(review.S1, records[0], "exclude", reasonCode: "wrong-population");
        await review.VoteAsync(review.S2, records[0], "exclude", reasonCode: "wrong-population");
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        await review.VoteAsync(review.S1, records[1], "exclude", reasonCode: "wrong-population");
        await review.VoteAsync(review.S2, records[1], "exclude", reasonCode: "wrong-population");

        var now = await review.RecordPageAsync("status=excluded-title-abstract");
        var then = await review.RecordPageAsync($"status=excluded-title-abstract&asOf={At(between)}");

        now.Records.Select(r => r.Id).ShouldBe([records[0], records[1]], ignoreOrder: true);
        (then.Total, then.Records.Single().Id).ShouldBe((1, records[0]));
        (await review.RecordPageAsync($"asOf={At(between)}")).Records.Select(r => r.Id).ShouldBe(records);
    }

    [Fact]
    public async Task Before_the_record_or_the_review_existed_every_read_is_not_found()
    {
        var before = DateTimeOffset.UtcNow.AddMinutes(-5);
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];

        foreach (var path in new[]
                 {
                     $"/records/{record}/trail?asOf={At(before)}", $"/prisma?asOf={At(before)}", $"/agreement?asOf={At(before)}",
                     $"/records?asOf={At(before)}",
                 })
            (await review.SendAsync(review.Lead, HttpMethod.Get, path)).StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
        (await review.SendAsync(review.Lead, HttpMethod.Get, $"/records/{record}/trail?sequence=1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static string At(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("O", CultureInfo.InvariantCulture));
}
