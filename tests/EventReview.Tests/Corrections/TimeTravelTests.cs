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

        var past = await review.GetAsync<Trail>(review.Lead, $"/records/{record}/trail?asOf={At(between)}");

        past.Status.ShouldBe(RecordStatus.AwaitingTitleAbstract);
        past.Names.ShouldBe(["record_imported", "screening_vote_cast"]);
    }

    [Fact]
    public async Task Before_the_record_or_the_review_existed_every_read_is_not_found()
    {
        var before = DateTimeOffset.UtcNow.AddMinutes(-5);
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];

        foreach (var path in new[] { $"/records/{record}/trail?asOf={At(before)}", $"/prisma?asOf={At(before)}", $"/agreement?asOf={At(before)}" })
            (await review.SendAsync(review.Lead, HttpMethod.Get, path)).StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
        (await review.SendAsync(review.Lead, HttpMethod.Get, $"/records/{record}/trail?sequence=1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static string At(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("O", CultureInfo.InvariantCulture));
}
