using System.Diagnostics;
using EventReview.Benchmarks.Harness;
using Npgsql;
using NpgsqlTypes;

namespace EventReview.Benchmarks.Scenarios;

/// <summary>
/// The raw baseline for votes: 32 connections, each inserting one vote-sized jsonb row per transaction (one commit,
/// one WAL flush each) for a fixed time; throughput and commit latency.
/// </summary>
public sealed class RawConcurrentCommits : IScenario
{
    public const int Clients = 32;
    public const string Rate = "raw single-row commits, 32 connections";
    public const string P50 = "raw commit p50";
    public const string P95 = "raw commit p95";
    public const string P99 = "raw commit p99";

    public string Name => "raw-commits";

    /// <summary>The size is the number of concurrent connections.</summary>
    public IReadOnlyList<long> Sizes(bool quick) => [Clients];

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchContext context, long size, CancellationToken ct)
    {
        var (warmUp, measure) = Votes.Durations(context.Quick);
        var connectionString = await context.CreateDatabaseAsync("bench_raw_commits", ct);
        await using (var setup = new NpgsqlConnection(connectionString))
        {
            await setup.OpenAsync(ct);
            await EquivalentRows.ExecuteAsync(setup, EquivalentRows.CreateTable, ct);
        }
        var body = EquivalentRows.VoteLike();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        var measureFrom = Stopwatch.GetTimestamp() + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var stopAt = measureFrom + (long)(measure.TotalSeconds * Stopwatch.Frequency);
        var clients = Enumerable.Range(0, (int)size).Select(_ => Task.Run(async () =>
        {
            var latencies = new Latencies();
            await using var conn = await dataSource.OpenConnectionAsync(ct);
            await using var insert = new NpgsqlCommand(
                $"insert into {EquivalentRows.Table} (id, stream_id, version, data, type) values ($1, $2, 1, $3, 'screening_vote_cast')", conn)
            {
                Parameters =
                {
                    new() { NpgsqlDbType = NpgsqlDbType.Uuid },
                    new() { NpgsqlDbType = NpgsqlDbType.Uuid },
                    new() { Value = body, NpgsqlDbType = NpgsqlDbType.Jsonb },
                },
            };
            await insert.PrepareAsync(ct);
            while (true)
            {
                var start = Stopwatch.GetTimestamp();
                if (start >= stopAt) break;
                insert.Parameters[0].Value = Guid.CreateVersion7();
                insert.Parameters[1].Value = Guid.CreateVersion7();
                await insert.ExecuteNonQueryAsync(ct);
                if (start >= measureFrom) latencies.Add(Stopwatch.GetTimestamp() - start);
            }
            return latencies;
        }, ct)).ToList();
        var all = Latencies.Merge(await Task.WhenAll(clients));

        return
        [
            new(Name, Rate, size, all.Count / measure.TotalSeconds, "rows/s"),
            new(Name, P50, size, all.PercentileMs(50), "ms"),
            new(Name, P95, size, all.PercentileMs(95), "ms"),
            new(Name, P99, size, all.PercentileMs(99), "ms"),
        ];
    }
}
