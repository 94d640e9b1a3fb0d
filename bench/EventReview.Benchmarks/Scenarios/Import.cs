using System.Diagnostics;
using EventReview.Benchmarks.Harness;
using EventReview.Identity;
using EventReview.Records;
using EventReview.Records.Parsing;
using System.Data;
using Npgsql;

namespace EventReview.Benchmarks.Scenarios;

/// <summary>
/// RecordImporter.ImportAsync into a fresh database, fed by the streaming parser exactly as the import endpoint does,
/// inside the running app; then a raw sequential read of the resulting mt_events (the rebuild baseline).
/// </summary>
public sealed class Import : IScenario
{
    public const string Rate = "import (parse + RecordImporter)";
    public const string SequentialRead = "raw sequential read of mt_events";

    public string Name => "import";

    public IReadOnlyList<long> Sizes(bool quick) => Harness.Sizes.Growth(100_000, quick);

    public static string Database(long size) => $"bench_import_{size}";

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchContext context, long size, CancellationToken ct)
    {
        var path = RisCorpus.Build(context, size);
        var connectionString = await context.CreateDatabaseAsync(Database(size), ct);
        var figures = new List<Figure>();
        await using (var app = await BenchApp.StartAsync(context, connectionString, $"app-import-{size}"))
        {
            var by = new Actor(ReviewAtScale.Lead, "Bench Lead");
            // Warm the importer into a throwaway review before the clock starts: long enough (a tenth of the size, at
            // most 10,000 records) for the runtime's tiered JIT to recompile the hot path, as in a server that has run.
            await using (var warm = File.OpenRead(RisCorpus.Build(context, Math.Clamp(size / 10, 100, 10_000))))
                await RecordImporter.ImportAsync(app.Store, Guid.CreateVersion7(), Guid.CreateVersion7(), BibParser.Parse(warm), by, null, ct);

            GC.Collect();
            ProcessMemory.ResetPeak();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var parsing = new Stopwatch();
            var startedAt = DateTimeOffset.UtcNow;
            var started = Stopwatch.GetTimestamp();
            ImportSummary summary;
            await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
            {
                summary = await RecordImporter.ImportAsync(app.Store, Guid.CreateVersion7(), Guid.CreateVersion7(),
                    Timed(BibParser.Parse(stream, BibFormat.Ris), parsing), by, null, ct);
            }
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            var peak = ProcessMemory.PeakBytes();
            var n = summary.Imported;
            context.Log($"imported {n:N0} in {seconds:N2} s ({parsing.Elapsed.TotalSeconds:N2} s parsing), {summary.Errors.Count} errors");

            figures.Add(new(Name, Rate, size, n / seconds, "records/s", Baseline: RawBulkWrite.Copy,
                Aim: new("≥ 0.5x raw COPY", 0.5, AtLeast: true, OnRatio: true), Note: $"{n:N0} records"));
            figures.Add(new(Name, "import duration", size, seconds, "s",
                Aim: size == 100_000 ? new("< 5 s at 100,000", 5, AtLeast: false) : null));
            // Batches are written while the next is parsed, so this is time the parser held its thread, not time added.
            figures.Add(new(Name, "time inside the parser (overlaps the writes)", size, parsing.Elapsed.TotalSeconds, "s"));
            figures.Add(new(Name, "import peak working set", size, peak / 1e6, "MB"));
            figures.Add(new(Name, "import allocation", size, allocated / (double)Math.Max(n, 1), "bytes/record"));
            figures.AddRange(await SealLag.MeasureAsync(connectionString, Name, size, startedAt, DateTimeOffset.UtcNow, ct));
        }

        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        figures.Add(new(Name, "disk per record (all event-store tables)", size, await BytesPerEventAsync(conn, ct), "bytes"));
        var (rows, readSeconds) = await ReadEventsAsync(conn, ct);
        context.Log($"read {rows:N0} events in {readSeconds:N2} s");
        figures.Add(new(Name, SequentialRead, size, rows / readSeconds, "events/s", Note: $"{rows:N0} events"));
        return figures;
    }

    /// <summary>Passes the items through, timing only the work done inside the parser.</summary>
    private static IEnumerable<ParseResult> Timed(IEnumerable<ParseResult> source, Stopwatch clock)
    {
        using var items = source.GetEnumerator();
        while (true)
        {
            clock.Start();
            var more = items.MoveNext();
            clock.Stop();
            if (!more) yield break;
            yield return items.Current;
        }
    }

    /// <summary>Every table of the event store's schema with its indexes and TOAST, per event (one imported record each).</summary>
    private static async Task<double> BytesPerEventAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            select (select sum(pg_total_relation_size(c.oid)) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = 'eventreview' and c.relkind = 'r')::float8
                 / (select count(*) from eventreview.mt_events)
            """, conn);
        return (double)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Every column of every event, in sequence order, as a projection rebuild reads them.</summary>
    public static async Task<(long Rows, double Seconds)> ReadEventsAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        long rows = 0, chars = 0;
        await using var command = new NpgsqlCommand(
            "select seq_id, id, stream_id, version, data, type, timestamp from eventreview.mt_events order by seq_id", conn) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct))
        {
            rows++;
            chars += reader.GetInt64(0) + reader.GetGuid(1).GetHashCode() + reader.GetGuid(2).GetHashCode() + reader.GetInt64(3);
            chars += reader.GetString(4).Length + reader.GetString(5).Length + reader.GetFieldValue<DateTimeOffset>(6).Second;
        }
        GC.KeepAlive(chars);
        return (rows, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}
