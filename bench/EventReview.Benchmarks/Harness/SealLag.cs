using System.Diagnostics;
using Npgsql;

namespace EventReview.Benchmarks.Harness;

/// <summary>
/// How long events waited to be sealed: for each event appended in a window, the time from its append to the commit
/// of the sealer's page that sealed it (the page's SealBlock time). Measured after the sealer caught up, which is timed
/// too. On a database whose code has no sealer (an earlier commit measured side by side), it reports nothing.
/// </summary>
public static class SealLag
{
    private const string Lag = """
        with b as (select id as size, (data ->> 'firstLeaf')::bigint as first, (data ->> 'sealedAt')::timestamptz as sealed
                   from eventreview.mt_doc_sealblock)
        select percentile_cont(array[0.5, 0.99]) within group (order by extract(epoch from b.sealed - e.timestamp)), count(*)
        from eventreview.sealed_leaves s
        join eventreview.mt_events e on e.seq_id = s.seq_id
        join b on s.leaf >= b.first and s.leaf < b.size
        where e.timestamp >= $1 and e.timestamp <= $2
        """;

    private const string Unsealed = """
        select count(*) from eventreview.mt_events e
        where e.seq_id > coalesce((select max(seq_id) from eventreview.sealed_leaves), 0) and e.type <> 'tombstone'
        """;

    public static async Task<IReadOnlyList<Figure>> MeasureAsync(string connectionString, string scenario, long size,
        DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using (var exists = db.CreateCommand("select to_regclass('eventreview.sealed_leaves') is not null"))
            if (!(bool)(await exists.ExecuteScalarAsync(ct))!) return [];

        var waited = Stopwatch.StartNew();
        while (await ScalarAsync(db, Unsealed, ct) > 0 && waited.Elapsed < TimeSpan.FromMinutes(5)) await Task.Delay(100, ct);
        var caughtUp = waited.Elapsed.TotalSeconds;

        await using var command = db.CreateCommand(Lag);
        command.Parameters.Add(new NpgsqlParameter { Value = from });
        command.Parameters.Add(new NpgsqlParameter { Value = to });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        if (reader.IsDBNull(0)) return [];
        var lags = reader.GetFieldValue<double[]>(0);
        var sealedEvents = reader.GetInt64(1);
        return
        [
            new(scenario, "seal lag p50", size, lags[0] * 1000, "ms", Note: $"{sealedEvents:N0} events"),
            new(scenario, "seal lag p99", size, lags[1] * 1000, "ms", Aim: new("< 2 s", 2000, AtLeast: false)),
            new(scenario, "sealer caught up after the load", size, caughtUp, "s"),
        ];
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource db, string sql, CancellationToken ct)
    {
        await using var command = db.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
