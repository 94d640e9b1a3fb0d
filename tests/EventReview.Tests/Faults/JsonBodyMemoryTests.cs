using System.Net;
using EventReview.Hosting;
using EventReview.Tests.Infrastructure;
using EventReview.Tests.Security;
using Npgsql;
using Shouldly;

namespace EventReview.Tests.Faults;

/// <summary>
/// The real server (Kestrel, its own process) sent eight 1 GiB JSON command bodies at once, half declaring their
/// length and half chunked: each is refused with 413 once it passes the 1 MiB JSON cap, or reset when the server stops
/// reading after its 413, and the server's peak resident memory stays far below what buffering them would take.
/// </summary>
public class JsonBodyMemoryTests
{
    private const long Body = 1L << 30;
    private const int Parallel = 8;
    private const long PeakLimit = 600L << 20;

    [Fact]
    public async Task Eight_parallel_1_GiB_JSON_bodies_are_refused_without_the_server_holding_them()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await TestDatabase.CreateAsync("faultmemory");
        await using var db = NpgsqlDataSource.Create(connectionString);
        const string lead = "lead-memory", screener = "screener-memory";

        await using var server = await ServerProcess.StartAsync(connectionString, TimeSpan.FromSeconds(90));
        using var client = new ServerClient(server.Address, TimeSpan.FromMinutes(3));
        var (review, search) = await client.ReviewWithSearchAsync(lead, [screener]);
        var imported = await client.ImportAsync(lead, review, search, new StringContent(ReviewScenario.Ris(1, "Memory")));
        var record = imported.GetProperty("recordIds")[0].GetGuid();
        var votes = $"/api/reviews/{review}/records/{record}/votes";
        // Warm the route, so the baseline includes what the first request on it compiles.
        using (var warm = await client.SendAsync(screener, HttpMethod.Post, votes, content: GeneratedBody.JsonWithText("note", 2L << 20, declareLength: false)))
            warm.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge, await warm.Content.ReadAsStringAsync(ct));
        var events = await EventsAsync(db);
        var before = server.PeakResidentBytes();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(async i =>
        {
            try
            {
                using var response = await client.SendAsync(screener, HttpMethod.Post, votes,
                    content: GeneratedBody.JsonWithText("note", Body, declareLength: i % 2 == 0), ct: ct);
                await response.ShouldBeProblemDetailsAsync(413);
                return "413";
            }
            catch (HttpRequestException e)
            {
                // The server stopped reading after its 413 and closed the connection while the client was still sending.
                return "reset: " + e.Message;
            }
        }));

        var after = server.PeakResidentBytes();
        FaultScale.Report($"peak resident memory {before >> 20} MiB before, {after >> 20} MiB after {Parallel} parallel 1 GiB bodies; " +
            string.Join("; ", outcomes.GroupBy(o => o).Select(g => $"{g.Count()} x {g.Key}")));
        after.ShouldBeLessThan(PeakLimit);
        // The request log line is written as each request ends, which may be just after its client saw the reset.
        int Refused() => server.Log.Count(l => l.Contains($"{votes} responded 413", StringComparison.Ordinal));
        for (var wait = 0; wait < 100 && Refused() < Parallel + 1; wait++) await Task.Delay(100, ct);
        Refused().ShouldBe(Parallel + 1, server.Tail());
        (await EventsAsync(db)).ShouldBe(events);
        using var ready = await client.SendAsync(lead, HttpMethod.Get, "/health/ready", ct: ct);
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static Task<long> EventsAsync(NpgsqlDataSource db) =>
        StoreChecks.ScalarAsync(db, $"select count(*) from {EventStoreSetup.Schema}.mt_events");
}
