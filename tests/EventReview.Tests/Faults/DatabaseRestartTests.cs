using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using EventReview.Hosting;
using EventReview.Records;
using EventReview.Tests.Infrastructure;
using Npgsql;
using Shouldly;

namespace EventReview.Tests.Faults;

/// <summary>
/// PostgreSQL stopped and started under a steady load of votes, against the real server in a child process and a
/// cluster of this test's own: once with a fast shutdown (every session ends with an error) and once with an
/// immediate one (a crash, with recovery at the next start).
/// </summary>
public class DatabaseRestartTests
{
    private const int Records = 1_000;
    private const int Workers = 4;
    private const string Lead = "lead-restart";
    private const string S1 = "s1-restart";
    private const string S2 = "s2-restart";

    internal sealed record Intent(Guid Record, string User)
    {
        public string Key => $"{Record:N}-{User}";
    }

    internal sealed record Attempt(Intent Intent, string CorrelationId, string Phase, int? Status, string? MediaType, string Body,
        string? RetryAfter, string? EchoedCorrelationId, string? TransportError);

    [Fact]
    public async Task Requests_fail_cleanly_while_postgres_is_down_no_acknowledged_vote_is_lost_and_readiness_recovers()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await PrivateCluster.StartAsync("eventreview");
        var connectionString = cluster.ConnectionString("eventreview");
        await using var server = await ServerProcess.StartAsync(connectionString, TimeSpan.FromSeconds(90));
        using var client = new ServerClient(server.Address, TimeSpan.FromSeconds(30));

        var (review, search) = await client.ReviewWithSearchAsync(Lead, [S1, S2]);
        var imported = await client.ImportAsync(Lead, review, search, new StringContent(ReviewScenario.Ris(Records, "Restart"), Encoding.UTF8, "text/plain"));
        var records = imported.GetProperty("recordIds").EnumerateArray().Select(e => e.GetGuid()).ToList();

        var attempts = new ConcurrentQueue<Attempt>();
        var phase = "up";
        using var stopLoad = new CancellationTokenSource();
        // Each worker owns its records and votes on them one after another, so votes never race each other:
        // any failure is the database's doing.
        var load = Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            for (var i = w; i < records.Count && !stopLoad.IsCancellationRequested; i += Workers)
                foreach (var user in new[] { S1, S2 })
                    attempts.Enqueue(await VoteAsync(client, review, new Intent(records[i], user), phase));
        }, ct)).ToArray();

        var outages = new List<string>();
        try
        {
            foreach (var mode in new[] { "fast", "immediate" })
            {
                await AcknowledgedAsync(attempts, phase, 30, load);
                phase = "down-" + mode;
                await cluster.StopAsync(mode);
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
                await cluster.StartAgainAsync();
                var ready = await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
                phase = "after-" + mode;
                outages.Add($"{mode}: {attempts.Count(a => a.Phase == "down-" + mode && a.Status != 200)} requests failed while down, " +
                    $"ready again {ready.TotalSeconds:0.0} s after the start");
            }
            await AcknowledgedAsync(attempts, phase, 30, load);
        }
        finally
        {
            await stopLoad.CancelAsync();
            await Task.WhenAll(load).WaitAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
        }

        // A client that got no 200 retries with the same Idempotency-Key: it gets the first answer if the vote was stored.
        var acknowledged = attempts.Where(a => a.Status == 200).Select(a => a.Intent).ToHashSet();
        var retried = new List<Attempt>();
        foreach (var intent in attempts.Select(a => a.Intent).Distinct().Where(i => !acknowledged.Contains(i)))
        {
            for (var attempt = 0; ; attempt++)
            {
                attempt.ShouldBeLessThan(20, $"the vote {intent.Key} was never accepted after the restarts");
                var result = await VoteAsync(client, review, intent, "retry");
                retried.Add(result);
                if (result.Status == 200) break;
                await Task.Delay(200, ct);
            }
        }

        var all = attempts.ToList();
        var failures = all.Where(a => a.Status != 200).ToList();
        FaultScale.Report($"{all.Count} votes under load, {failures.Count} failed ({failures.Count(f => f.TransportError is not null)} at the " +
            $"connection level), {retried.Count} retries; " + string.Join("; ", outages));

        // While the database was away: 503 problem details with Retry-After and no stack trace, or a dropped connection.
        failures.Count.ShouldBeGreaterThan(0, "no request ran into the outage");
        var unclean = failures.Concat(retried.Where(r => r.Status != 200)).Where(f => !FailedCleanly(f)).ToList();
        unclean.Select(Describe).ShouldBeEmpty();
        // The server's request log says what the client got, under the client's correlation id.
        server.Log.Where(line => line.Contains("responded 500", StringComparison.Ordinal)).ShouldBeEmpty();
        failures.Where(f => f.Status == 503 && !server.Log.Any(line => line.Contains("responded 503", StringComparison.Ordinal)
            && line.Contains(f.CorrelationId, StringComparison.Ordinal))).Select(Describe).ShouldBeEmpty("503s missing from the request log");

        await using var db = NpgsqlDataSource.Create(connectionString);
        var stored = await StoredVotesAsync(db, review, ct);
        // Every 200 during the load is in the events table, under the correlation id of the request that got it.
        all.Where(a => a.Status == 200).Select(a => a.CorrelationId).Where(id => !stored.CorrelationIds.Contains(id)).ShouldBeEmpty("acknowledged votes lost");
        // After the retries, each vote that was attempted is stored exactly once.
        var intents = all.Select(a => a.Intent).Distinct().ToList();
        stored.PerIntent.Where(kv => kv.Value != 1).Select(kv => $"{kv.Key} x{kv.Value}").ShouldBeEmpty("votes stored twice");
        stored.PerIntent.Keys.ToHashSet().SetEquals(intents.Select(i => i.Key)).ShouldBeTrue("a vote stored that no request made, or one missing");
        var storedDespiteFailure = failures.Count(f => stored.CorrelationIds.Contains(f.CorrelationId));
        FaultScale.Report($"{storedDespiteFailure} failed requests had in fact committed (the answer was lost with the connection); " +
            "their Idempotency-Key retries returned the stored answer");

        var health = await HealthAsync(client);
        health.GetProperty("status").GetString().ShouldBe("healthy");
        // No asynchronous projection exists to catch up; the sealer, the daemon's one subscription, seals everything the
        // outage left behind once the database is back.
        health.GetProperty("checks").GetProperty("seal").GetProperty("status").GetString().ShouldBe("healthy");
        var unsealed = $"select count(*) from eventreview.mt_events e where e.type <> 'tombstone' and not exists " +
            "(select 1 from eventreview.sealed_leaves s where s.seq_id = e.seq_id)";
        var sealing = System.Diagnostics.Stopwatch.StartNew();
        while (await StoreChecks.ScalarAsync(db, unsealed) > 0 && sealing.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(200, ct);
        (await StoreChecks.ScalarAsync(db, unsealed)).ShouldBe(0, "events left unsealed 30 s after the database came back");

        StoreChecks.ChainIsIntact(db, review);
        await using var store = StoreChecks.StoreFor(connectionString);
        await StoreChecks.RecordsEqualTheirEventsAsync(store, review, ct);
    }

    internal static async Task<Attempt> VoteAsync(ServerClient client, Guid review, Intent intent, string phase)
    {
        var id = $"fault-restart-{Guid.NewGuid():N}";
        var headers = new Dictionary<string, string> { ["X-Correlation-ID"] = id, [RecordCommand.IdempotencyHeader] = intent.Key };
        try
        {
            using var response = await client.SendAsync(intent.User, HttpMethod.Post, $"/api/reviews/{review}/records/{intent.Record}/votes",
                new { stage = "title-abstract", decision = "include" }, headers);
            return new Attempt(intent, id, phase, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType,
                await response.Content.ReadAsStringAsync(), response.Headers.RetryAfter?.ToString(),
                response.Headers.TryGetValues("X-Correlation-ID", out var echoed) ? echoed.FirstOrDefault() : null, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new Attempt(intent, id, phase, null, null, "", null, null, e.GetType().Name + ": " + e.Message);
        }
    }

    private static bool FailedCleanly(Attempt failure)
    {
        if (failure.TransportError is not null) return true;
        if (failure is not { Status: 503, MediaType: "application/problem+json", RetryAfter: not null }) return false;
        if (failure.EchoedCorrelationId != failure.CorrelationId) return false;
        var problem = JsonDocument.Parse(failure.Body).RootElement;
        return problem.GetProperty("status").GetInt32() == 503
            && !failure.Body.Contains("   at ", StringComparison.Ordinal)
            && !failure.Body.Contains("Exception", StringComparison.Ordinal)
            && !failure.Body.Contains("Npgsql", StringComparison.Ordinal);
    }

    private static string Describe(Attempt a) =>
        $"{a.Phase}: {a.Status?.ToString() ?? a.TransportError} {a.MediaType} retry-after={a.RetryAfter} correlation={a.EchoedCorrelationId} {a.Body}";

    /// <summary>Waits (bounded) until <paramref name="count"/> votes of the current phase got 200.</summary>
    internal static async Task AcknowledgedAsync(ConcurrentQueue<Attempt> attempts, string phase, int count, Task[] load)
    {
        var clock = Stopwatch.StartNew();
        while (attempts.Count(a => a.Phase == phase && a.Status == 200) < count)
        {
            load.All(t => t.IsCompleted).ShouldBeFalse($"the load ran out during '{phase}'");
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), $"fewer than {count} votes accepted during '{phase}'");
            await Task.Delay(50);
        }
    }

    internal static async Task<(HashSet<string> CorrelationIds, Dictionary<string, int> PerIntent)> StoredVotesAsync(
        NpgsqlDataSource db, Guid review, CancellationToken ct)
    {
        await using var command = db.CreateCommand(
            $"select stream_id, data -> 'by' ->> 'id', correlation_id from {EventStoreSetup.Schema}.mt_events where type = 'screening_vote_cast' and data ->> 'reviewId' = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = review.ToString("D") });
        var ids = new HashSet<string>();
        var perIntent = new Dictionary<string, int>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var key = new Intent(reader.GetGuid(0), reader.GetString(1)).Key;
            perIntent[key] = perIntent.GetValueOrDefault(key) + 1;
            if (!reader.IsDBNull(2)) ids.Add(reader.GetString(2));
        }
        return (ids, perIntent);
    }

    private static async Task<JsonElement> HealthAsync(ServerClient client)
    {
        using var response = await client.SendAsync(Lead, HttpMethod.Get, "/health/ready");
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
