using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using EventReview.Audit;
using EventReview.Hosting;
using EventReview.Rebuild;
using EventReview.Tests.Infrastructure;
using Npgsql;
using Shouldly;

namespace EventReview.Tests.Faults;

/// <summary>
/// `backup` beside a serving process taking votes, and `restore` into a fresh data directory, each a real process:
/// the copy is consistent, reproduces the projections exactly, and leaves the private seal key behind.
/// </summary>
public class BackupRestoreTests
{
    private const string Lead = "lead-backup";
    private const string S1 = "s1-backup";
    private const string S2 = "s2-backup";

    private static string NewDirectory() => Path.Combine(Path.GetTempPath(), "eventreview-backup-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>No configured seal key: the data directory makes its own, as a single embedded installation does.</summary>
    private static Dictionary<string, string> OwnSealKey(string dataDirectory)
    {
        var environment = CliProcess.Embedded(dataDirectory);
        environment.Remove("EventReview__Audit__SealKey");
        return environment;
    }

    [Fact]
    public async Task A_backup_taken_during_votes_restores_into_a_fresh_data_directory_with_identical_fingerprints_and_an_intact_log()
    {
        var source = NewDirectory();
        var target = NewDirectory();
        var backup = Path.Combine(NewDirectory(), "backup");
        await using var server = await ServerProcess.StartAsync(OwnSealKey(source), TimeSpan.FromSeconds(120), ServerProcess.FreePort());
        using var client = new ServerClient(server.Address, TimeSpan.FromSeconds(30));

        // Settled before the backup, so its projections must come back exactly.
        var settled = await ReviewWithVotesAsync(client, 20);
        // Voted on while the backup runs.
        var (busy, busySearch) = await client.ReviewWithSearchAsync(Lead, [S1, S2]);
        var busyRecords = RecordIds(await client.ImportAsync(Lead, busy, busySearch, Ris(300, "Busy")));
        var attempts = new ConcurrentQueue<DatabaseRestartTests.Attempt>();
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 2).Select(w => Task.Run(async () =>
        {
            for (var i = w; i < busyRecords.Count && !stop.IsCancellationRequested; i += 2)
                attempts.Enqueue(await DatabaseRestartTests.VoteAsync(client, busy, new(busyRecords[i], S1), "during"));
        }, TestContext.Current.CancellationToken)).ToArray();
        CliResult backedUp;
        try
        {
            await DatabaseRestartTests.AcknowledgedAsync(attempts, "during", 10, load);
            backedUp = await CliProcess.RunAsync(OwnSealKey(source), "backup", "--out", backup);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(load).WaitAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
        }

        backedUp.ExitCode.ShouldBe(0, backedUp.Stderr);
        File.Exists(Path.Combine(backup, SealKey.FileName)).ShouldBeFalse("the private seal key travelled with the data");
        File.Exists(Path.Combine(backup, SealKey.PublicFileName)).ShouldBeTrue();
        var before = await FingerprintsAsync(source, settled);

        var restored = await CliProcess.RunAsync(OwnSealKey(target), "restore", backup);
        restored.ExitCode.ShouldBe(0, restored.Stderr);
        var again = await CliProcess.RunAsync(OwnSealKey(target), "restore", backup);
        again.ExitCode.ShouldBe(1);
        again.StderrLines[^1].ShouldStartWith("eventreview: refusing to restore: ");
        again.StderrLines[^1].ShouldContain("--force");

        // Only the public half came back: the restored directory must not make a new private key of its own.
        var keyless = await CliProcess.RunAsync(OwnSealKey(target), "serve", "--urls", $"http://127.0.0.1:{ServerProcess.FreePort()}");
        keyless.ExitCode.ShouldBe(1);
        keyless.StderrLines[^1].ShouldContain($"the private key {SealKey.FileName} is not");
        File.Copy(Path.Combine(source, SealKey.FileName), Path.Combine(target, SealKey.FileName));

        var verified = await CliProcess.RunAsync(OwnSealKey(target), "verify");
        verified.ExitCode.ShouldBe(0, verified.Stdout + verified.Stderr);
        JsonDocument.Parse(verified.Stdout).RootElement.GetProperty("intact").GetBoolean().ShouldBeTrue();
        (await FingerprintsAsync(target, settled)).ShouldBe(before);
    }

    private static async Task<Guid> ReviewWithVotesAsync(ServerClient client, int records)
    {
        var (review, search) = await client.ReviewWithSearchAsync(Lead, [S1, S2]);
        foreach (var record in RecordIds(await client.ImportAsync(Lead, review, search, Ris(records, "Settled"))))
            (await DatabaseRestartTests.VoteAsync(client, review, new(record, S2), "settled")).Status.ShouldBe(200);
        return review;
    }

    private static StringContent Ris(int count, string prefix) => new(ReviewScenario.Ris(count, prefix), Encoding.UTF8, "text/plain");

    private static List<Guid> RecordIds(JsonElement imported) => [.. imported.GetProperty("recordIds").EnumerateArray().Select(e => e.GetGuid())];

    /// <summary>Joins (or starts, then stops) the data directory's cluster to hash the review's projections.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> FingerprintsAsync(string dataDirectory, Guid review)
    {
        var cluster = await EmbeddedPostgres.StartAsync(dataDirectory);
        try
        {
            await using var db = NpgsqlDataSource.Create(cluster.ConnectionString);
            return await ProjectionFingerprints.ComputeAsync(db, review, CancellationToken.None);
        }
        finally
        {
            await cluster.ReleaseAsync();
        }
    }
}
