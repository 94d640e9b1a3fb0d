using EventReview.Benchmarks.Harness;
using EventReview.Rebuild;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EventReview.Benchmarks.Scenarios;

/// <summary>
/// The product's rebuild of every projection (ProjectionRebuilder.RebuildAllAsync: fingerprints, ANALYZE, Marten's
/// rebuild of each projection, fingerprints again) over the events the import scenario left at the same size.
/// Baseline: the raw sequential read of the same mt_events.
/// </summary>
public sealed class RebuildProjections : IScenario
{
    public string Name => "rebuild";

    /// <summary>The size is the number of imported records, one event each (the issue asks for 1,000,000 events).</summary>
    public IReadOnlyList<long> Sizes(bool quick) => Harness.Sizes.One(1_000_000, quick);

    public IReadOnlyList<string> DatabasesRead(long size) => [Import.Database(size)];

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchContext context, long size, CancellationToken ct)
    {
        if (!await context.DatabaseExistsAsync(Import.Database(size), ct))
        {
            context.Log($"rebuild: no {Import.Database(size)} database; run `import --size {size}` first. Skipped.");
            return [];
        }
        await using var app = await BenchApp.StartAsync(context, context.ConnectionStringFor(Import.Database(size)), $"app-rebuild-{size}");
        var db = app.Services.GetRequiredService<NpgsqlDataSource>();
        long events;
        await using (var count = db.CreateCommand("select count(*) from eventreview.mt_events")) events = (long)(await count.ExecuteScalarAsync(ct))!;
        context.Log($"{events:N0} events");

        ProcessMemory.ResetPeak();
        var report = await ProjectionRebuilder.RebuildAllAsync(app.Store, db, ct);
        var peak = ProcessMemory.PeakBytes();
        context.Log($"rebuilt in {report.Seconds:N1} s; fingerprints identical: {report.Identical}");

        return
        [
            new(Name, "rebuild all projections", size, events / report.Seconds, "events/s", Baseline: Import.SequentialRead,
                Note: $"{events:N0} events in {report.Seconds:N1} s; fingerprints {(report.Identical ? "identical" : "DIFFER")}"),
            new(Name, "rebuild peak working set", size, peak / 1e6, "MB"),
        ];
    }
}
