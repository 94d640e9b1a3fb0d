using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using EventReview.Tests.Infrastructure;
using Npgsql;
using Shouldly;

namespace EventReview.Tests.Faults;

/// <summary>
/// The embedded PostgreSQL shared by `serve` and CLI commands on one data directory, each a real process: a command
/// beside a server leaves the server's database running, the last user stops it, a killed postmaster comes back.
/// </summary>
public class EmbeddedClusterTests
{
    private const string Lead = "lead-embedded";
    private const string S1 = "s1-embedded";
    private const string S2 = "s2-embedded";

    private static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "eventreview-embedded-" + Guid.NewGuid().ToString("N")[..12]);

    private static string PidFile(string dataDirectory) => Path.Combine(dataDirectory, "postgres", "data", "postmaster.pid");

    private static Task<ServerProcess> ServeAsync(string dataDirectory) =>
        ServerProcess.StartAsync(CliProcess.Embedded(dataDirectory), TimeSpan.FromSeconds(120), ServerProcess.FreePort());

    [Fact]
    public async Task Commands_beside_a_server_leave_its_database_running_and_the_last_user_stops_it_after_a_kill_9()
    {
        var data = NewDataDirectory();
        await using var server = await ServeAsync(data);
        using var client = new ServerClient(server.Address, TimeSpan.FromSeconds(30));

        var refused = await CliProcess.RunAsync(CliProcess.Embedded(data), "rebuild");
        refused.ExitCode.ShouldBe(1);
        refused.StderrLines[^1].ShouldStartWith("eventreview: refusing to rebuild: a running eventreview serve holds");
        refused.StderrLines[^1].ShouldContain("--force");
        foreach (var command in new[] { new[] { "verify" }, ["rebuild", "--force"] })
        {
            var result = await CliProcess.RunAsync(CliProcess.Embedded(data), command);
            result.ExitCode.ShouldBe(0, $"{command[0]}: {result.Stderr}");
            // Answers at once: the command did not stop the server's database.
            await client.OkJsonAsync(Lead, HttpMethod.Post, "/api/reviews", new { title = "After " + command[0], question = "Still up?" });
        }

        // SIGKILL: the server leaves its lock file behind, its lock released by the kernel.
        await server.KillAsync();
        File.Exists(PidFile(data)).ShouldBeTrue("the cluster outlives a killed server until the next user leaves");
        var after = await CliProcess.RunAsync(CliProcess.Embedded(data), "verify");

        after.ExitCode.ShouldBe(0, after.Stderr);
        File.Exists(PidFile(data)).ShouldBeFalse("the last user left a cluster an eventreview process started running");
        Directory.EnumerateFiles(Path.Combine(data, "postgres-users"), "*.lock").ShouldBeEmpty("the killed server's stale lock file was kept");
    }

    [Fact]
    public async Task A_second_server_on_a_taken_port_exits_with_one_clear_line_and_leaves_no_cluster_running()
    {
        await using var first = await ServeAsync(NewDataDirectory());
        var second = NewDataDirectory();

        var result = await CliProcess.RunAsync(CliProcess.Embedded(second), "serve", "--urls", first.Address.ToString());

        result.ExitCode.ShouldBe(1);
        result.StderrLines[^1].ShouldStartWith($"eventreview: cannot listen on {first.Address}");
        result.StderrLines[^1].ShouldContain("address already in use");
        File.Exists(PidFile(second)).ShouldBeFalse("the failed server left the cluster it started running");
        (await new HttpClient().GetAsync(new Uri(first.Address, "/health/ready"))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_data_directory_the_postgres_user_cannot_reach_fails_with_one_line_naming_it()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            Assert.Skip("only a root process runs the cluster as the postgres user");
            return;
        }
        var closed = NewDataDirectory();
        Directory.CreateDirectory(closed, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var data = Path.Combine(closed, "data");

        var result = await CliProcess.RunAsync(CliProcess.Embedded(data), "verify");

        result.ExitCode.ShouldBe(1);
        result.StderrLines.ShouldHaveSingleItem().ShouldStartWith($"eventreview: the postgres user cannot reach {data}");
        File.Exists(PidFile(data)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_killed_postmaster_is_restarted_during_votes_no_acknowledged_vote_is_lost_and_ready_returns_within_10_s()
    {
        var ct = TestContext.Current.CancellationToken;
        var data = NewDataDirectory();
        await using var server = await ServeAsync(data);
        using var client = new ServerClient(server.Address, TimeSpan.FromSeconds(30));
        var (review, search) = await client.ReviewWithSearchAsync(Lead, [S1, S2]);
        var imported = await client.ImportAsync(Lead, review, search, new StringContent(ReviewScenario.Ris(300, "Embedded"), Encoding.UTF8, "text/plain"));
        var records = imported.GetProperty("recordIds").EnumerateArray().Select(e => e.GetGuid()).ToList();

        var attempts = new ConcurrentQueue<DatabaseRestartTests.Attempt>();
        var phase = "up";
        using var stopLoad = new CancellationTokenSource();
        var load = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = w; i < records.Count && !stopLoad.IsCancellationRequested; i += 4)
                foreach (var user in new[] { S1, S2 })
                    attempts.Enqueue(await DatabaseRestartTests.VoteAsync(client, review, new(records[i], user), phase));
        }, ct)).ToArray();

        TimeSpan readyAgain;
        try
        {
            await DatabaseRestartTests.AcknowledgedAsync(attempts, phase, 30, load);
            phase = "killed";
            var postmaster = int.Parse(File.ReadLines(PidFile(data)).First(), System.Globalization.CultureInfo.InvariantCulture);
            var killed = Stopwatch.StartNew();
            Process.GetProcessById(postmaster).Kill();
            await NotReadyAsync(server.Address);
            await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(10));
            readyAgain = killed.Elapsed;
            phase = "after";
            await DatabaseRestartTests.AcknowledgedAsync(attempts, phase, 30, load);
        }
        finally
        {
            await stopLoad.CancelAsync();
            await Task.WhenAll(load).WaitAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
        }

        var all = attempts.ToList();
        var acknowledged = all.Where(a => a.Status == 200).Select(a => a.Intent).ToHashSet();
        foreach (var intent in all.Select(a => a.Intent).Distinct().Where(i => !acknowledged.Contains(i)))
            (await DatabaseRestartTests.VoteAsync(client, review, intent, "retry")).Status.ShouldBe(200, $"the retry of {intent.Key}");
        FaultScale.Report($"embedded postmaster killed: {all.Count(a => a.Status != 200)} of {all.Count} votes failed, " +
            $"ready again {readyAgain.TotalSeconds:0.0} s after the kill");

        await using var db = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder
        {
            Host = Path.Combine(data, "postgres"), Username = "postgres", Database = "eventreview",
        }.ConnectionString);
        var stored = await DatabaseRestartTests.StoredVotesAsync(db, review, ct);
        all.Where(a => a.Status == 200).Select(a => a.CorrelationId).Where(id => !stored.CorrelationIds.Contains(id)).ShouldBeEmpty("acknowledged votes lost");
        stored.PerIntent.Where(kv => kv.Value != 1).Select(kv => kv.Key).ShouldBeEmpty("votes stored twice");

        using var health = await client.SendAsync(Lead, HttpMethod.Get, "/health/ready");
        var embedded = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("embeddedPostgres");
        embedded.GetProperty("status").GetString().ShouldBe("healthy");
        embedded.GetProperty("data").GetProperty("restarts").GetInt32().ShouldBe(1);
        server.Log.ShouldContain(line => line.Contains("The embedded PostgreSQL is running again", StringComparison.Ordinal));
    }

    /// <summary>Readiness must notice the outage (within 5 s) before it can report the recovery.</summary>
    private static async Task NotReadyAsync(Uri address)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
            if (response.StatusCode != HttpStatusCode.OK) return;
            await Task.Delay(50);
        }
        throw new TimeoutException("/health/ready kept answering 200 after the postmaster was killed");
    }
}
