using EventReview.Audit;
using System.Net;
using System.Text.Json;
using EventReview.Appraisal;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Rebuild;
using EventReview.Records;
using EventReview.Reviews;
using EventReview.Screening;
using EventReview.Tests.Infrastructure;
using JasperFx.Events.Projections;
using Marten;
using Marten.Services;
using Npgsql;
using Shouldly;

namespace EventReview.Tests.Faults;

/// <summary>Its own database: the rebuild at the end touches every projection of the store.</summary>
public class HeldTransactionFixture : AppFixture;

/// <summary>
/// The daemon-gap fault: an append whose transaction stays open while later appends commit. An asynchronous
/// projection that followed the sequence could move past the gap and never see the late event. EventReview has no
/// asynchronous projection (the first test pins that), so the property proved here is the stronger one: every
/// projection is written in its event's own transaction, and nothing is skipped or reordered.
/// </summary>
public class HeldTransactionTests(HeldTransactionFixture app) : IClassFixture<HeldTransactionFixture>
{
    [Fact]
    public void Every_projection_is_inline_and_the_sealer_is_the_one_daemon_subscription()
    {
        // The store as the running application configured it, Wolverine's additions included.
        var options = ((DocumentStore)app.Host.Services.GetService(typeof(IDocumentStore))!).Options;

        // The sealer reads behind the daemon's high-water mark, which waits for a held append (see the next test).
        options.Projections.AllShards().Select(s => s.Name.Name).ShouldBe([Sealer.SubscriptionName]);
        options.Projections.All.Select(p => (p.PublishedTypes().Single().Name, p.Lifecycle)).OrderBy(p => p.Name).ShouldBe(
        [
            (nameof(AppraisalSettings), ProjectionLifecycle.Inline),
            (nameof(RecordAppraisal), ProjectionLifecycle.Inline),
            (nameof(RecordState), ProjectionLifecycle.Inline),
            (nameof(Review), ProjectionLifecycle.Inline),
        ]);
        // The fingerprints (and so every rebuild check) cover exactly these projections.
        ProjectionFingerprints.Tables.Count.ShouldBe(options.Projections.All.Count);
    }

    [Fact]
    public async Task An_append_held_open_while_later_appends_commit_is_neither_skipped_nor_reordered()
    {
        var ct = TestContext.Current.CancellationToken;
        var review = await ReviewScenario.WithTeamAsync(app);
        var records = await review.RecordsAsync(21);
        var (held, later) = (records[0], records.Skip(1).ToArray());
        var store = (IDocumentStore)app.Host.Services.GetService(typeof(IDocumentStore))!;
        await using var db = NpgsqlDataSource.Create(app.ConnectionString);
        var events = $"{EventStoreSetup.Schema}.mt_events";

        // S1's vote on the first record, appended as the endpoint does, in a transaction this test keeps open.
        var restricted = new NpgsqlConnectionStringBuilder(app.ConnectionString) { Username = AppFixture.ApplicationRole }.ConnectionString;
        await using var connection = new NpgsqlConnection(restricted);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var session = store.LightweightSession(SessionOptions.ForTransaction(transaction, false)))
        {
            session.CorrelationId = "fault-held-" + Guid.NewGuid().ToString("N");
            var reviewDoc = await session.LoadAsync<Review>(review.ReviewId, ct);
            var stream = await session.Events.FetchForWriting<RecordState>(held, ct);
            var outcome = CastVoteEndpoint.Decide(reviewDoc!, stream.Aggregate!,
                new CastVote(Stage.TitleAbstract, Decision.Include, null, null), new Actor(review.S1, review.S1));
            outcome.Refused.ShouldBeNull();
            stream.AppendMany(outcome.Events);
            await session.SaveChangesAsync(ct);
        }
        long heldSequence;
        await using (var inside = new NpgsqlCommand($"select seq_id from {events} where stream_id = $1 and version = 2", connection, transaction))
        {
            inside.Parameters.Add(new NpgsqlParameter { Value = held });
            heldSequence = (long)(await inside.ExecuteScalarAsync(ct))!;
        }

        // While it is held: the same record's stream waits for it; twenty later votes on other records commit past it.
        var sameStream = review.VoteAsync(review.S2, held, "include");
        foreach (var record in later) (await review.VoteAsync(review.S1, record, "include")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var laterSequences = await SequencesAsync(db, events, later, ct);
        laterSequences.ShouldAllBe(s => s > heldSequence);
        (await StoreChecks.ScalarAsync(db, $"select count(*) from {events} where stream_id = $1", held)).ShouldBe(1, "the held vote is not visible yet");
        using (var ready = await app.Host.Server.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative), ct))
            ready.StatusCode.ShouldBe(HttpStatusCode.OK, "readiness does not wait for a slow transaction");
        // Not a pause and a hope: PostgreSQL itself shows the append waiting on the held transaction's lock.
        await WaitUntilBlockedOnALockAsync(db, sameStream, ct);
        sameStream.IsCompleted.ShouldBeFalse("an append to the held stream waits for the held transaction");

        await transaction.CommitAsync(ct);

        // The waiting vote was decided on the version before the held one, so its append fails; the server runs it
        // again on the record as the held vote left it, where it does not contradict anything, and it is accepted.
        (await sameStream.WaitAsync(TimeSpan.FromSeconds(30), ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using (var session = store.QuerySession())
        {
            var stream = await session.Events.FetchStreamAsync(held, token: ct);
            stream.Select(e => (e.Version, e.Data.GetType().Name)).ShouldBe(
            [
                (1, nameof(RecordImported)),
                (2, nameof(ScreeningVoteCast)),
                (3, nameof(ScreeningVoteCast)),
                (4, nameof(ScreeningDecided)),
            ]);
            stream[1].Sequence.ShouldBe(heldSequence);
            var state = (await session.LoadAsync<RecordState>(held, ct))!;
            state.Version.ShouldBe(4);
            state.TitleAbstract.CurrentVotes.Select(v => v.ReviewerId).ShouldBe([review.S1, review.S2]);
            state.TitleAbstract.Outcome.ShouldBe(Decision.Include);
        }
        await StoreChecks.RecordsEqualTheirEventsAsync(store, review.ReviewId, ct);
        StoreChecks.ChainIsIntact(db, review.ReviewId);
        var rebuild = await ProjectionRebuilder.RebuildAllAsync(store, db, ct);
        rebuild.Identical.ShouldBeTrue(JsonSerializer.Serialize(rebuild));
    }

    private static async Task<List<long>> SequencesAsync(NpgsqlDataSource db, string events, Guid[] streams, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"select seq_id from {events} where stream_id = any($1) and version > 1");
        command.Parameters.Add(new NpgsqlParameter { Value = streams });
        var sequences = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) sequences.Add(reader.GetInt64(0));
        sequences.Count.ShouldBe(streams.Length);
        return sequences;
    }

    /// <summary>Polls (within 30 s) until a session of this database waits on a lock, or <paramref name="request"/> has finished.</summary>
    private static async Task WaitUntilBlockedOnALockAsync(NpgsqlDataSource db, Task request, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (!request.IsCompleted && await StoreChecks.ScalarAsync(db,
                   "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'") == 0)
            await Task.Delay(20, deadline.Token);
    }
}
