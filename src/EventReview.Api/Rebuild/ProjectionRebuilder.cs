using EventReview.Appraisal;
using EventReview.Records;
using EventReview.Reviews;
using Marten;
using Npgsql;

namespace EventReview.Rebuild;

public sealed record RebuildReport(
    IReadOnlyDictionary<string, string> Before, IReadOnlyDictionary<string, string> After, bool Identical, double Seconds);

/// <summary>
/// Rebuilds every projection from the events alone and compares fingerprints before and after. The hash chain is
/// not a projection and is never rebuilt: it is the evidence the events are checked against.
/// </summary>
public static class ProjectionRebuilder
{
    public static async Task<RebuildReport> RebuildAllAsync(IDocumentStore store, NpgsqlDataSource db, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var before = await ProjectionFingerprints.ComputeAsync(db, null, ct);
        // Both rebuilds read events through an index (sequence order, stream order); fresh statistics keep them on it.
        await using (var analyze = db.CreateCommand($"analyze {Hosting.EventStoreSetup.Schema}.mt_events")) await analyze.ExecuteNonQueryAsync(ct);

        // Record documents are most of the store (one per imported record): folded stream by stream and written with
        // COPY. The other projections are few documents, rebuilt by Marten's daemon.
        await RecordDocumentsRebuild.RunAsync(store, ct);
        using var daemon = await store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync<Review>(TimeSpan.FromMinutes(30), ct);
        await daemon.RebuildProjectionAsync<RecordAppraisal>(TimeSpan.FromMinutes(30), ct);
        await daemon.RebuildProjectionAsync<AppraisalSettings>(TimeSpan.FromMinutes(30), ct);

        var after = await ProjectionFingerprints.ComputeAsync(db, null, ct);
        return new RebuildReport(before, after, before.SequenceEqual(after), started.Elapsed.TotalSeconds);
    }
}
