using System.Diagnostics;
using EventReview.Benchmarks.Harness;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EventReview.Benchmarks.Scenarios;

/// <summary>
/// Reads at scale over HTTP, on the review the votes scenario left (N records, 32 screeners, their votes): a page of
/// the record list, a screener's queue, PRISMA counts and the agreement report. Each is timed as the median of five
/// calls after one warm call. Baselines: the raw SQL those reads cannot do better than (one page of documents; a
/// count by status over every record of the review; every record document of the review read once).
/// </summary>
public sealed class Reads : IScenario
{
    private const int Calls = 5;
    private const string RawPage = "raw: one page of 100 record documents";
    private const string RawCount = "raw: count the review's records by status";
    private const string RawAll = "raw: read every record document of the review";

    public string Name => "reads";

    /// <summary>The review the votes scenario left, so its size (200,000 records, twice the reads' aims' size).</summary>
    public IReadOnlyList<long> Sizes(bool quick) => new Votes().Sizes(quick);

    public IReadOnlyList<string> DatabasesRead(long size) => [Votes.Database(size)];

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchContext context, long size, CancellationToken ct)
    {
        var database = Votes.Database(size);
        if (!await context.DatabaseExistsAsync(database, ct))
        {
            context.Log($"reads: no {database} database; run `votes --size {size}` first. Skipped.");
            return [];
        }
        await using var app = await BenchApp.StartAsync(context, context.ConnectionStringFor(database), $"app-reads-{size}");
        var db = app.Services.GetRequiredService<NpgsqlDataSource>();
        Guid review;
        await using (var find = db.CreateCommand("select id from eventreview.mt_doc_review order by id desc limit 1"))
            review = (Guid)(await find.ExecuteScalarAsync(ct))!;

        using var lead = app.ClientFor(ReviewAtScale.Lead, "Bench Lead");
        using var screener = app.ClientFor(ReviewAtScale.ScreenerId(1), ReviewAtScale.ScreenerId(1));
        var figures = await RoundAsync(context, db, review, lead, screener, size, "", ct);

        // Right after a bulk load and a burst of votes no page of the table is marked all-visible yet, so every read
        // visits the table itself; autovacuum marks them within minutes, after which reads are answered from indexes.
        await using (var vacuum = db.CreateCommand("vacuum (analyze) eventreview.mt_doc_recordstate"))
            await vacuum.ExecuteNonQueryAsync(ct);
        figures.AddRange(await RoundAsync(context, db, review, lead, screener, size, " (after VACUUM)", ct));
        return figures;
    }

    private async Task<List<Figure>> RoundAsync(BenchContext context, NpgsqlDataSource db, Guid review, HttpClient lead, HttpClient screener,
        long size, string when, CancellationToken ct)
    {
        var figures = new List<Figure>
        {
            new(Name, RawPage + when, size, await TimeSqlAsync(db, review,
                "select data from eventreview.mt_doc_recordstate where review_id = $1 order by import_order limit 100", ct), "ms"),
            new(Name, RawCount + when, size, await TimeSqlAsync(db, review,
                "select status, count(*) from eventreview.mt_doc_recordstate where review_id = $1 group by status", ct), "ms"),
            new(Name, RawAll + when, size, await TimeSqlAsync(db, review,
                "select data from eventreview.mt_doc_recordstate where review_id = $1", ct), "ms"),
        };

        var api = $"/api/reviews/{review}";
        var aim = new Aim("< 50 ms at 100,000", 50, AtLeast: false);
        figures.Add(await TimeGetAsync(context, lead, $"{api}/records?page=1&pageSize=100", "GET records, first page of 100" + when, RawPage + when, size, null, ct));
        figures.Add(await TimeGetAsync(context, lead, $"{api}/records?page={size / 100}&pageSize=100", "GET records, last page of 100" + when, RawPage + when, size, null, ct));
        // The same last page addressed by cursor: the record just before it, as the previous page's `next` would give.
        var beforeLast = await BeforeLastPageAsync(db, review, size, ct);
        figures.Add(await TimeGetAsync(context, lead, $"{api}/records?after={beforeLast}&pageSize=100", "GET records, last page of 100 by cursor" + when,
            RawPage + when, size, null, ct));
        figures.Add(await TimeGetAsync(context, screener, $"{api}/queue?stage=title-abstract", "GET queue (screener)" + when, RawCount + when, size, null, ct));
        figures.Add(await TimeGetAsync(context, lead, $"{api}/prisma", "GET prisma" + when, RawCount + when, size, aim, ct));
        figures.Add(await TimeGetAsync(context, lead, $"{api}/agreement?stage=title-abstract", "GET agreement" + when, RawAll + when, size, aim, ct));
        return figures;
    }

    private async Task<Figure> TimeGetAsync(BenchContext context, HttpClient client, string path, string metric, string baseline, long size,
        Aim? aim, CancellationToken ct)
    {
        var times = new List<double>();
        var status = 0;
        long bytes = 0;
        for (var i = 0; i <= Calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            if (i > 0) times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            status = (int)response.StatusCode;
            bytes = body.Length;
        }
        context.Log($"{metric}: HTTP {status}, {bytes:N0} bytes, {Median(times):N1} ms");
        return status == 200
            ? new(Name, metric, size, Median(times), "ms", Baseline: baseline, Aim: size >= 100_000 ? aim : null, Note: $"{bytes / 1e3:N0} kB")
            : new(Name, metric, size, double.NaN, "ms", Note: $"not available: HTTP {status}");
    }

    private static async Task<Guid> BeforeLastPageAsync(NpgsqlDataSource db, Guid review, long size, CancellationToken ct)
    {
        await using var command = db.CreateCommand(
            "select id from eventreview.mt_doc_recordstate where review_id = $1 order by import_order offset $2 limit 1");
        command.Parameters.Add(new NpgsqlParameter { Value = review });
        command.Parameters.Add(new NpgsqlParameter { Value = size - 101 });
        return (Guid)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task<double> TimeSqlAsync(NpgsqlDataSource db, Guid review, string sql, CancellationToken ct)
    {
        var times = new List<double>();
        for (var i = 0; i <= Calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await using var command = db.CreateCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = review });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) _ = reader.GetValue(0);
            if (i > 0) times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return Median(times);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
