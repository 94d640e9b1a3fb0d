using EventReview.Hosting;
using EventReview.Tests.Infrastructure;
using Npgsql;
using Shouldly;

namespace EventReview.Tests.Faults;

/// <summary>Two nodes started at the same moment on one fresh database, each a real `serve` process.</summary>
public class SimultaneousStartTests
{
    [Fact]
    public async Task Two_nodes_starting_together_on_a_fresh_database_load_the_seed_review_once_with_no_error_logged()
    {
        await using var cluster = await PrivateCluster.StartAsync("eventreview");
        var connectionString = cluster.ConnectionString("eventreview");
        var starting = Enumerable.Range(0, 2).Select(_ =>
        {
            var environment = CliProcess.For(connectionString);
            environment["EventReview__LoadSeedOnFirstStart"] = "true";
            environment["EventReview__DataDirectory"] = Path.Combine(Path.GetTempPath(), "eventreview-faults", Guid.NewGuid().ToString("N"));
            return ServerProcess.StartAsync(environment, TimeSpan.FromSeconds(180), ServerProcess.FreePort());
        }).ToArray();
        await using var first = await starting[0];
        await using var second = await starting[1];

        await using var db = NpgsqlDataSource.Create(connectionString);
        (await StoreChecks.ScalarAsync(db, $"select count(*) from {EventStoreSetup.Schema}.mt_doc_review")).ShouldBe(1);
        foreach (var node in new[] { first, second })
        {
            node.Log.Where(line => line.Contains("MT003", StringComparison.Ordinal) || line.Contains(" ERR]", StringComparison.Ordinal)
                || line.Contains(" FTL]", StringComparison.Ordinal)
                || line.Contains("Loading the seed review failed", StringComparison.Ordinal)).Take(5).ShouldBeEmpty();
        }
    }
}
