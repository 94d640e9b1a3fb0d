using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using EventReview.Benchmarks.Harness;

namespace EventReview.Benchmarks.Scenarios;

/// <summary>
/// Votes over HTTP on loopback: the real app on Kestrel, a review with 32 screeners and N records, and 32 concurrent
/// clients, each a different screener casting title-abstract votes on its own slice of the records (each record gets
/// one vote, so every request appends exactly one event). Clients and server share the machine's two cores.
/// </summary>
public sealed class Votes : IScenario
{
    public const int Clients = 32;

    public string Name => "votes";

    /// <summary>
    /// The size is the number of records in the review: enough that no client runs out during the warm-up and the
    /// window at 3,500 votes/s (100,000 until group commit made votes faster than that allows).
    /// </summary>
    public IReadOnlyList<long> Sizes(bool quick) => Harness.Sizes.One(200_000, quick);

    public static string Database(long size) => $"bench_votes_{size}";

    /// <summary>
    /// The warm-up covers the runtime's tiered JIT: with two cores saturated, the background compiler is starved and
    /// the server's request rate climbs in steps for about twenty seconds (per-second counts of its request log) while
    /// hot methods are recompiled optimized. A server of record runs for days, so the figure is taken after that; the
    /// "JIT compiling while voting" figure shows whether it was (12% of the window after a 15 s warm-up, 2-3% after 30 s).
    /// Warm-up and window together use at most 50 s x 4,000 votes/s of the 200,000 records.
    /// </summary>
    public static (TimeSpan WarmUp, TimeSpan Measure) Durations(bool quick) =>
        quick ? (TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)) : (TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(20));

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchContext context, long size, CancellationToken ct)
    {
        var (warmUp, measure) = Durations(context.Quick);
        warmUp = context.WarmUp ?? warmUp;
        var connectionString = await context.CreateDatabaseAsync(Database(size), ct);
        await using var app = await BenchApp.StartAsync(context, connectionString, $"app-votes-{size}");
        var review = await ReviewAtScale.CreateAsync(context, app, Clients, size, ct);
        // The untimed import writes about 600 MB of WAL, which starts a checkpoint that would otherwise run through the
        // window at a different point in each run; the setup ends with a checkpoint so every run starts from the same
        // state. Every page a vote touches then still writes its full-page image, as after any checkpoint in service.
        await context.CheckpointAsync(ct);

        var bodies = new[] { "include", "exclude" }
            .Select(d => Encoding.UTF8.GetBytes($$"""{"stage":"title-abstract","decision":"{{d}}"}""")).ToArray();
        var clients = Enumerable.Range(0, Clients).Select(c => app.ClientFor(review.Screeners[c], review.Screeners[c])).ToList();

        await context.WaitForStartAsync(ct);
        GC.Collect();
        ProcessMemory.ResetPeak();
        var windowStart = DateTimeOffset.UtcNow + warmUp;
        var measureFrom = Stopwatch.GetTimestamp() + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var stopAt = measureFrom + (long)(measure.TotalSeconds * Stopwatch.Frequency);
        var cpu = Task.Run(async () =>
        {
            await Task.Delay(warmUp, ct);
            var meter = new CpuMeter();
            await Task.Delay(measure, ct);
            return meter.Stop();
        }, ct);

        var runs = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            var latencies = new Latencies();
            var failures = new Dictionary<int, int>();
            var exhausted = true;
            for (var i = c; i < review.RecordIds.Count; i += Clients)
            {
                var start = Stopwatch.GetTimestamp();
                if (start >= stopAt)
                {
                    exhausted = false;
                    break;
                }
                using var content = new ByteArrayContent(bodies[i / Clients % 2]);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await clients[c].PostAsync(
                    new Uri($"/api/reviews/{review.ReviewId}/records/{review.RecordIds[i]}/votes", UriKind.Relative), content, ct);
                await response.Content.LoadIntoBufferAsync(ct);
                if (start < measureFrom) continue;
                if (response.IsSuccessStatusCode) latencies.Add(Stopwatch.GetTimestamp() - start);
                else failures[(int)response.StatusCode] = failures.GetValueOrDefault((int)response.StatusCode) + 1;
            }
            return (latencies, failures, exhausted);
        }, ct)).ToList();
        var results = await Task.WhenAll(runs);
        var (machineBusy, processCores, jit) = await cpu;
        var peak = ProcessMemory.PeakBytes();
        foreach (var client in clients) client.Dispose();

        var all = Latencies.Merge(results.Select(r => r.latencies));
        var failed = results.SelectMany(r => r.failures).GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Sum(f => f.Value));
        var note = results.Any(r => r.exhausted) ? "some clients ran out of records before the time was up" : null;
        context.Log($"{all.Count:N0} votes in {measure.TotalSeconds} s; failures: {string.Join(", ", failed.Select(f => $"{f.Key}x{f.Value}"))}");

        var sealing = await SealLag.MeasureAsync(connectionString, Name, size, windowStart, windowStart + measure, ct);

        return
        [
            .. sealing,
            new(Name, "votes over HTTP, 32 clients", size, all.Count / measure.TotalSeconds, "votes/s", Baseline: RawConcurrentCommits.Rate,
                BaselineSize: RawConcurrentCommits.Clients, Aim: new("≥ 1,500 votes/s", 1500, AtLeast: true), Note: note),
            new(Name, "vote latency p50", size, all.PercentileMs(50), "ms", Baseline: RawConcurrentCommits.P50, BaselineSize: RawConcurrentCommits.Clients),
            new(Name, "vote latency p95", size, all.PercentileMs(95), "ms", Baseline: RawConcurrentCommits.P95, BaselineSize: RawConcurrentCommits.Clients),
            new(Name, "vote latency p99", size, all.PercentileMs(99), "ms", Baseline: RawConcurrentCommits.P99, BaselineSize: RawConcurrentCommits.Clients,
                Aim: new("< 50 ms", 50, AtLeast: false)),
            new(Name, "failed votes", size, failed.Values.Sum(), "",
                Note: failed.Count == 0 ? null : string.Join(", ", failed.Select(f => $"HTTP {f.Key}: {f.Value}"))),
            new(Name, "machine CPU busy while voting", size, machineBusy * 100, "%", Note: $"this process used {processCores:N2} cores"),
            new(Name, "JIT compiling while voting", size, jit * 100, "% of the time", Note: "the warm-up is long enough when this is near 0"),
            new(Name, "app + clients peak working set", size, peak / 1e6, "MB"),
        ];
    }
}
