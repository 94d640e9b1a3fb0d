using System.Collections.Concurrent;
using System.Net;
using System.Text;
using EventReview.Audit;
using EventReview.Hosting;
using EventReview.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Shouldly;

namespace EventReview.Tests.Faults;

/// <summary>
/// Two application hosts on one database, as two nodes behind a load balancer: each listens on its own port, both run
/// as the least-privileged role with the keys and checkpoint directory every node must share (docs/operations.md).
/// </summary>
public class TwoNodeTests
{
    private const string Lead = "lead-two-nodes";
    private const string S1 = "s1-two-nodes";
    private const string S2 = "s2-two-nodes";

    [Fact]
    public async Task Votes_through_two_nodes_at_once_are_all_acknowledged_each_stored_once_and_the_log_verifies()
    {
        var ct = TestContext.Current.CancellationToken;
        var (recordCount, workers) = FaultScale.Full ? (2_000, 16) : (100, 8);
        var owner = await TestDatabase.CreateMigratedAsync("two-nodes");
        var restricted = new NpgsqlConnectionStringBuilder(owner) { Username = AppFixture.ApplicationRole }.ConnectionString;
        var nodes = new List<WebApplication>();
        try
        {
            for (var n = 0; n < 2; n++) nodes.Add(await StartNodeAsync(restricted, n));
            var clients = nodes.Select(node => new ServerClient(new Uri(node.Urls.Single()), TimeSpan.FromSeconds(60))).ToArray();
            var (review, search) = await clients[0].ReviewWithSearchAsync(Lead, [S1, S2]);
            var imported = await clients[1].ImportAsync(Lead, review, search,
                new StringContent(ReviewScenario.Ris(recordCount, "TwoNodes"), Encoding.UTF8, "text/plain"));
            var records = imported.GetProperty("recordIds").EnumerateArray().Select(e => e.GetGuid()).ToList();

            // A record's two votes go through different nodes, so the nodes race on the same record stream.
            var work = new ConcurrentQueue<(DatabaseRestartTests.Intent Intent, ServerClient Node)>(records.SelectMany((record, i) => new[]
            {
                (new DatabaseRestartTests.Intent(record, S1), clients[i % 2]),
                (new DatabaseRestartTests.Intent(record, S2), clients[(i + 1) % 2]),
            }));
            var attempts = new ConcurrentBag<DatabaseRestartTests.Attempt>();
            await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
            {
                while (work.TryDequeue(out var item))
                    attempts.Add(await DatabaseRestartTests.VoteAsync(item.Node, review, item.Intent, "two-nodes"));
            }, ct)));

            attempts.Where(a => a.Status != (int)HttpStatusCode.OK).Select(a => $"{a.Status} {a.TransportError} {a.Body}").Take(3).ShouldBeEmpty();
            await using var db = NpgsqlDataSource.Create(owner);
            var stored = await DatabaseRestartTests.StoredVotesAsync(db, review, ct);
            stored.CorrelationIds.Order().ShouldBe(attempts.Select(a => a.CorrelationId).Order(), "acknowledged and stored votes differ");
            stored.PerIntent.Count.ShouldBe(2 * recordCount);
            stored.PerIntent.Values.ShouldAllBe(count => count == 1);
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }

        await using var owned = NpgsqlDataSource.Create(owner);
        using var key = SealKey.FromPem(AppFixture.SealKeyPem);
        var report = await LogAudit.RunAsync(owned, key, AppFixture.CheckpointDirectoryFor(restricted), [], ct);
        report.Findings.Select(f => f.Message).ShouldBeEmpty();
        report.Intact.ShouldBeTrue();
    }

    private static async Task<WebApplication> StartNodeAsync(string connectionString, int node)
    {
        var builder = await EventReviewApp.CreateBuilderAsync([], b => b.Configuration
            .AddInMemoryCollection(AppFixture.SettingsFor(connectionString, $"{nameof(TwoNodeTests)}-node{node}", applySchema: false)));
        builder.WebHost.UseUrls($"http://127.0.0.1:{ServerProcess.FreePort()}");
        var app = builder.Build();
        EventReviewApp.Configure(app);
        await app.StartAsync();
        return app;
    }
}
