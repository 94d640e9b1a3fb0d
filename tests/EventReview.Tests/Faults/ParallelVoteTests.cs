using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using EventReview.Rebuild;
using EventReview.Records;
using EventReview.Reviews;
using EventReview.Screening;
using EventReview.Tests.Infrastructure;
using Marten;
using Npgsql;
using Shouldly;

namespace EventReview.Tests.Faults;

/// <summary>Its own database: the rebuild at the end touches every projection of the store.</summary>
public class ParallelVotesFixture : AppFixture;

/// <summary>
/// Twenty screeners voting at once on both stages, with every concurrent-change 409 retried. Each record takes two
/// votes a stage; more screeners claim it, and the ones that come too late are refused. CI: 100 records, three
/// claimants each. EVENTREVIEW_FAULT_SCALE=full: the issue's size, every one of the 20 screeners voting on every one
/// of 5,000 records at both stages (200,000 votes sent, 20,000 accepted).
/// </summary>
public class ParallelVoteTests(ParallelVotesFixture app) : IClassFixture<ParallelVotesFixture>
{
    private const int Screeners = 20;
    private const int MaxAttemptsPerVote = 200;

    private sealed record Item(int Index, Guid Record, Stage Stage, int Screener);

    private sealed record Attempt(string CorrelationId, string Kind, Item Item, int Status, string? Rule);

    [Fact]
    public async Task Every_acknowledged_vote_is_stored_once_nothing_refused_appears_and_the_projections_equal_a_rebuild()
    {
        var (recordCount, claimantsPerRecord) = FaultScale.Full ? (5_000, Screeners) : (100, 3);
        using var deadline = new CancellationTokenSource(FaultScale.Full ? TimeSpan.FromMinutes(30) : TimeSpan.FromMinutes(2));
        var ct = deadline.Token;

        var review = await ReviewScenario.WithTeamAsync(app);
        var suffix = review.Lead[5..];
        var screeners = new List<string> { review.S1, review.S2 };
        for (var k = 3; k <= Screeners; k++)
        {
            var user = $"screener{k}-{suffix}";
            await review.OkAsync(review.Lead, HttpMethod.Post, "/members", new { userId = user, name = user, roles = new[] { "screener" } });
            screeners.Add(user);
        }
        var records = await review.RecordsAsync(recordCount);
        records.Count.ShouldBe(recordCount);

        // Record i is claimed by several screeners at each stage; the first two to land are its votes. When everyone
        // claims everything, screener s starts s records further on: neighbours still collide, but all twenty do not
        // queue on one record at a time.
        var claims = Enumerable.Range(0, recordCount).Select(i => Claimants(i, claimantsPerRecord)).ToArray();
        var work = Enumerable.Range(0, Screeners).Select(s => new[] { Stage.TitleAbstract, Stage.FullText }
                .SelectMany(stage => Enumerable.Range(0, recordCount)
                    .Select(k => (k + (claimantsPerRecord == Screeners ? s : 0)) % recordCount)
                    .Where(i => claims[i].Contains(s))
                    .Select(i => new Item(i, records[i], stage, s)))
                .ToList())
            .ToArray();

        var attempts = new ConcurrentBag<Attempt>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(work.Select(items => Task.Run(() => ScreenAsync(items), ct)));
        var elapsed = clock.Elapsed;

        async Task ScreenAsync(List<Item> items)
        {
            var queue = new Queue<Item>(items);
            var tries = new Dictionary<Item, int>();
            while (queue.TryDequeue(out var item))
            {
                ct.ThrowIfCancellationRequested();
                tries[item] = tries.GetValueOrDefault(item) + 1;
                tries[item].ShouldBeLessThan(MaxAttemptsPerVote, $"record {item.Index} at {item.Stage} never settled");
                var (status, rule) = await SendAsync("vote", item, $"/records/{item.Record}/votes", VoteBody(item));
                switch (status, rule)
                {
                    case (409, null):
                        queue.Enqueue(item); // a concurrent change: retry
                        break;
                    case (409, "full-text-not-retrieved"):
                        await SendAsync("retrieval", item, $"/records/{item.Record}/retrieval", new { retrieved = true });
                        queue.Enqueue(item);
                        break;
                    case (409, "stage-not-reached"):
                        // The other claimants have not decided title-abstract yet.
                        queue.Enqueue(item);
                        await Task.Delay(10, ct);
                        break;
                }
            }
        }

        async Task<(int Status, string? Rule)> SendAsync(string kind, Item item, string path, object body)
        {
            var id = $"fault-{kind}-{Guid.NewGuid():N}";
            using var response = await review.SendAsync(screeners[item.Screener], HttpMethod.Post, path, body,
                new Dictionary<string, string> { ["X-Correlation-ID"] = id });
            var text = await response.Content.ReadAsStringAsync(ct);
            var rule = response.StatusCode == HttpStatusCode.Conflict && JsonDocument.Parse(text).RootElement.TryGetProperty("rule", out var r)
                ? r.GetString()
                : null;
            attempts.Add(new Attempt(id, kind, item, (int)response.StatusCode, rule));
            return ((int)response.StatusCode, rule);
        }

        var all = attempts.ToList();
        var votes = all.Where(a => a.Kind == "vote").ToList();
        FaultScale.Report($"{Screeners} screeners x {recordCount} records x 2 stages, {claimantsPerRecord} claimants a record: {votes.Count} vote requests " +
            $"({votes.Count(a => a.Status == 200)} accepted, {votes.Count(a => a.Status == 409 && a.Rule is null)} concurrent-change 409s retried, " +
            $"{votes.Count(a => a.Rule is "votes-complete" or "stage-decided")} refused as complete) and " +
            $"{all.Count(a => a.Kind == "retrieval")} retrieval requests in {elapsed.TotalSeconds:0.0} s");

        // Only answers the protocol allows: accepted, a conflict, or a retrieval already recorded (400 without a note).
        all.Where(a => !(a.Status is 200 or 409 || (a.Kind == "retrieval" && a.Status == 400)))
            .Select(a => $"{a.Kind} {a.Status} {a.Rule}").ShouldBeEmpty();

        await using var db = NpgsqlDataSource.Create(app.ConnectionString);
        var stored = await CorrelationCountsAsync(db, review.ReviewId, "screening_vote_cast", ct);
        var accepted = votes.Where(a => a.Status == 200).Select(a => a.CorrelationId).ToHashSet();
        stored.Values.Sum().ShouldBe(accepted.Count, "ScreeningVoteCast events against 200 answers");
        stored.Where(kv => kv.Value != 1).ShouldBeEmpty("an acknowledged vote stored more than once");
        stored.Keys.ToHashSet().SetEquals(accepted).ShouldBeTrue("the stored votes are exactly the acknowledged ones");

        var failed = all.Where(a => a.Status != 200).Select(a => a.CorrelationId).ToArray();
        (await StoreChecks.ScalarAsync(db, $"select count(*) from {Hosting.EventStoreSetup.Schema}.mt_events where correlation_id = any($1)", (object)failed))
            .ShouldBe(0, "an event from a request that was refused");
        var retrievals = await CorrelationCountsAsync(db, review.ReviewId, "full_text_retrieval_recorded", ct);
        retrievals.Keys.ToHashSet().SetEquals(all.Where(a => a.Kind == "retrieval" && a.Status == 200).Select(a => a.CorrelationId)).ShouldBeTrue();

        var store = (IDocumentStore)app.Host.Services.GetService(typeof(IDocumentStore))!;
        await using (var session = store.QuerySession())
        {
            var states = (await session.Query<RecordState>().Where(r => r.ReviewId == review.ReviewId).ToListAsync(ct)).ToDictionary(r => r.Id);
            for (var i = 0; i < recordCount; i++)
            {
                var state = states[records[i]];
                foreach (var progress in new[] { state.TitleAbstract, state.FullText })
                {
                    progress.CurrentVotes.Count.ShouldBe(2, $"record {i}");
                    progress.FirstVotes.Count.ShouldBe(2, $"record {i}");
                    progress.CurrentVotes.Select(v => screeners.IndexOf(v.ReviewerId)).ShouldAllBe(s => claims[i].Contains(s));
                }
                state.TitleAbstract.Outcome.ShouldBe(Decision.Include);
                state.Retrieved.ShouldBe(true);
                (state.FullText.Outcome is not null || state.FullText.InConflict).ShouldBeTrue($"record {i}");
            }
        }
        accepted.Count.ShouldBe(recordCount * 2 * 2);

        await StoreChecks.RecordsEqualTheirEventsAsync(store, review.ReviewId, ct);
        StoreChecks.ChainIsIntact(db, review.ReviewId);
        var rebuild = await ProjectionRebuilder.RebuildAllAsync(store, db, ct);
        rebuild.Identical.ShouldBeTrue(JsonSerializer.Serialize(rebuild));
        FaultScale.Report($"rebuild of every projection took {rebuild.Seconds:0.0} s and reproduced identical fingerprints");
    }

    /// <summary><paramref name="count"/> different screeners for record i, spread so that every screener holds about as many claims.</summary>
    private static int[] Claimants(int i, int count)
    {
        var first = i % Screeners;
        var second = (first + 1 + i / Screeners % (Screeners - 1)) % Screeners;
        var rest = Enumerable.Range(0, Screeners).Select(k => (first + Screeners / 2 + k) % Screeners).Where(s => s != first && s != second);
        return [first, second, .. rest.Take(count - 2)];
    }

    /// <summary>Title-abstract: everyone includes, so every record reaches full text. Full text: a mix, so some records conflict.</summary>
    private static object VoteBody(Item item) => item.Stage == Stage.TitleAbstract
        ? new { stage = "title-abstract", decision = "include" }
        : (item.Index * 7 + item.Screener) % 3 == 0
            ? new { stage = "full-text", decision = "exclude", reasonCode = "wrong-design" }
            : new { stage = "full-text", decision = "include" };

    private static async Task<Dictionary<string, int>> CorrelationCountsAsync(NpgsqlDataSource db, Guid reviewId, string type, CancellationToken ct)
    {
        await using var command = db.CreateCommand(
            $"select correlation_id, count(*) from {Hosting.EventStoreSetup.Schema}.mt_events where type = $1 and data ->> 'reviewId' = $2 group by correlation_id");
        command.Parameters.Add(new NpgsqlParameter { Value = type });
        command.Parameters.Add(new NpgsqlParameter { Value = reviewId.ToString("D") });
        var counts = new Dictionary<string, int>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) counts[reader.IsDBNull(0) ? "(none)" : reader.GetString(0)] = (int)reader.GetInt64(1);
        return counts;
    }
}
