using System.Text.Json;
using EventReview.Audit;
using EventReview.Hosting;
using EventReview.Prisma;
using EventReview.Records;
using Marten;
using Npgsql;
using Shouldly;

namespace EventReview.Tests.Faults;

/// <summary>Checks that hold after any fault: the read models say what the events say, and the hash chain is intact.</summary>
public static class StoreChecks
{
    /// <summary>Every stored RecordState of the review equals a pure fold of its record's events, and no record is missing.</summary>
    public static async Task RecordsEqualTheirEventsAsync(IDocumentStore store, Guid reviewId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var (_, folded) = await PrismaQueries.AsOfAsync(session, reviewId, null, null, ct);
        var stored = (await session.Query<RecordState>().Where(r => r.ReviewId == reviewId).ToListAsync(ct)).ToDictionary(r => r.Id);

        folded.Count.ShouldBe(stored.Count);
        var differing = folded.Where(f => !stored.TryGetValue(f.Id, out var doc) || Json(doc) != Json(f)).Select(f => f.Id).ToList();
        differing.ShouldBeEmpty($"{differing.Count} stored records differ from the fold of their events");
    }

    /// <summary>The review's events verify against their stored hashes; returns how many were checked.</summary>
    public static long ChainIsIntact(NpgsqlDataSource db, Guid reviewId)
    {
        var report = EventLog.Verify(db, reviewId);
        report.Intact.ShouldBeTrue(JsonSerializer.Serialize(report.FirstFailure, EventReviewJson.Options));
        return report.EventsChecked;
    }

    /// <summary>
    /// A Marten store over a database that a child-process server owns, for reading it the way the server does. The store
    /// does not own its data source: a test's handful of these live as long as the test process.
    /// </summary>
    public static DocumentStore StoreFor(string connectionString) =>
        DocumentStore.For(options => EventStoreSetup.Configure(options, PostgresDataSource.Open(connectionString), applySchema: false));

    public static async Task<long> ScalarAsync(NpgsqlDataSource db, string sql, params object[] parameters)
    {
        await using var command = db.CreateCommand(sql);
        foreach (var value in parameters) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Json(object value) => JsonSerializer.Serialize(value, EventReviewJson.Options);
}
