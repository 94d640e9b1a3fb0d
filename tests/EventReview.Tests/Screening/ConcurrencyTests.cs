using System.Net;
using EventReview.Records;
using EventReview.Screening;
using EventReview.Tests.Infrastructure;
using Marten;
using Shouldly;

namespace EventReview.Tests.Screening;

public class ConcurrencyTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Thirty_two_concurrent_votes_on_one_record_are_each_accepted_or_409_and_stored_exactly()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];
        // One screener revising many times at once, and the other voting once: every request races on one stream.
        var requests = Enumerable.Range(0, 32).Select(i => i == 0
            ? review.VoteAsync(review.S2, record, "include")
            : review.VoteAsync(review.S1, record, i % 2 == 0 ? "include" : "maybe", note: $"revision {i}"));
        var responses = await Task.WhenAll(requests);
        var ct = TestContext.Current.CancellationToken;

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.Conflict);
        var accepted = responses.Count(r => r.StatusCode == HttpStatusCode.OK);

        var store = app.Host.Services.GetService(typeof(IDocumentStore)) as IDocumentStore;
        await using var session = store!.QuerySession();
        var votes = (await session.Events.FetchStreamAsync(record, token: ct))
            .Count(e => e.Data is ScreeningVoteCast);
        votes.ShouldBe(accepted);
        var state = await session.LoadAsync<RecordState>(record, ct);
        var rebuilt = await session.Events.AggregateStreamAsync<RecordState>(record, token: ct);
        state!.Version.ShouldBe(rebuilt!.Version);
        state.TitleAbstract.CurrentVotes.Count.ShouldBe(rebuilt.TitleAbstract.CurrentVotes.Count);
    }

    [Fact]
    public async Task Two_screeners_voting_on_one_record_at_the_same_moment_are_both_accepted()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var records = await review.RecordsAsync(40);
        var ct = TestContext.Current.CancellationToken;

        // Each pair races for the same stream version; the loser is run again by the server, not refused.
        var responses = await Task.WhenAll(records.SelectMany(r => new[]
        {
            review.VoteAsync(review.S1, r, "include"),
            review.VoteAsync(review.S2, r, "exclude"),
        }));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        var store = (IDocumentStore)app.Host.Services.GetService(typeof(IDocumentStore))!;
        await using var session = store.QuerySession();
        foreach (var record in records)
        {
            var state = await session.LoadAsync<RecordState>(record, ct);
            state!.TitleAbstract.CurrentVotes.Count.ShouldBe(2);
            state.TitleAbstract.InConflict.ShouldBeTrue();
        }
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_returns_the_first_answer_and_appends_nothing()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = "vote-" + record };
        var body = new { stage = "title-abstract", decision = "include" };

        var first = await review.SendAsync(review.S1, HttpMethod.Post, $"/records/{record}/votes", body, headers);
        var retry = await review.SendAsync(review.S1, HttpMethod.Post, $"/records/{record}/votes", body, headers);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        retry.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        (await review.TrailAsync(record)).Votes.Count.ShouldBe(1);
    }
}
