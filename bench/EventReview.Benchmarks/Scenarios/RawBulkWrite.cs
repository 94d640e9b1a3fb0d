using System.Diagnostics;
using EventReview.Benchmarks.Harness;
using Npgsql;
using NpgsqlTypes;

namespace EventReview.Benchmarks.Scenarios;

/// <summary>Raw PostgreSQL baselines for bulk writes: binary COPY, and batched INSERT at 1,000 rows per transaction.</summary>
public sealed class RawBulkWrite : IScenario
{
    public const string Copy = "raw binary COPY";
    public const string Insert = "raw batched INSERT, 1,000 rows/txn";

    public string Name => "raw-bulk";

    public IReadOnlyList<long> Sizes(bool quick) => Harness.Sizes.Growth(100_000, quick);

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchContext context, long size, CancellationToken ct)
    {
        var rows = EquivalentRows.FromRis(RisCorpus.Build(context, size), size);
        var bytes = rows.Sum(r => (long)r.Length);
        context.Log($"{rows.Count:N0} rows, {bytes / 1e6:N0} MB of JSON");

        await using var conn = new NpgsqlConnection(await context.CreateDatabaseAsync($"bench_raw_{size}", ct));
        await conn.OpenAsync(ct);
        await EquivalentRows.ExecuteAsync(conn, EquivalentRows.CreateTable, ct);

        // One untimed round of each on the first 1,000 rows warms the new database, the connection and the JIT.
        await CopyAsync(conn, rows.Take(1_000), ct);
        await InsertAsync(conn, rows.Take(1_000), ct);
        await EquivalentRows.ExecuteAsync(conn, $"truncate {EquivalentRows.Table}; checkpoint", ct);

        var started = Stopwatch.GetTimestamp();
        await CopyAsync(conn, rows, ct);
        var copySeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        context.Log($"COPY {copySeconds:N2} s");

        await EquivalentRows.ExecuteAsync(conn, $"truncate {EquivalentRows.Table}; checkpoint", ct);

        started = Stopwatch.GetTimestamp();
        await InsertAsync(conn, rows, ct);
        var insertSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        context.Log($"INSERT {insertSeconds:N2} s");

        return
        [
            new(Name, Copy, size, rows.Count / copySeconds, "rows/s"),
            new(Name, Insert, size, rows.Count / insertSeconds, "rows/s", Baseline: Copy),
            new(Name, "JSON per row", size, bytes / (double)rows.Count, "bytes"),
        ];
    }

    private static async Task CopyAsync(NpgsqlConnection conn, IEnumerable<byte[]> rows, CancellationToken ct)
    {
        await using (var copy = await conn.BeginBinaryImportAsync(
            $"copy {EquivalentRows.Table} (id, stream_id, version, data, type) from stdin (format binary)", ct))
        {
            foreach (var row in rows)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(1L, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(row, NpgsqlDbType.Jsonb, ct);
                await copy.WriteAsync("record_imported", NpgsqlDbType.Varchar, ct);
            }
            await copy.CompleteAsync(ct);
        }
    }

    private static async Task InsertAsync(NpgsqlConnection conn, IEnumerable<byte[]> rows, CancellationToken ct)
    {
        foreach (var chunk in rows.Chunk(1_000))
        {
            await using var tx = await conn.BeginTransactionAsync(ct);
            await using var batch = new NpgsqlBatch(conn, tx);
            foreach (var row in chunk)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(
                    $"insert into {EquivalentRows.Table} (id, stream_id, version, data, type) values ($1, $2, $3, $4, $5)")
                {
                    Parameters =
                    {
                        new() { Value = Guid.CreateVersion7(), NpgsqlDbType = NpgsqlDbType.Uuid },
                        new() { Value = Guid.CreateVersion7(), NpgsqlDbType = NpgsqlDbType.Uuid },
                        new() { Value = 1L, NpgsqlDbType = NpgsqlDbType.Bigint },
                        new() { Value = row, NpgsqlDbType = NpgsqlDbType.Jsonb },
                        new() { Value = "record_imported", NpgsqlDbType = NpgsqlDbType.Varchar },
                    },
                });
            }
            await batch.ExecuteNonQueryAsync(ct);
            await tx.CommitAsync(ct);
        }
    }
}
