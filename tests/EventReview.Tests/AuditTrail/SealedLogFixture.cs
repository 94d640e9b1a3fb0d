using System.Net;
using EventReview.Hosting;
using EventReview.Tests.Infrastructure;
using Npgsql;
using Shouldly;

namespace EventReview.Tests.AuditTrail;

/// <summary>
/// A populated, fully sealed database with its checkpoint files, kept as a template: the application ran on it, built two
/// reviews, sealed every event and signed a tree head after each, then stopped. Each test tampers a copy of its own
/// (<see cref="CopyAsync"/>), so no test sees another's damage.
/// </summary>
public sealed class SealedLogFixture : IAsyncLifetime
{
    private const string S = EventStoreSetup.Schema;

    // PostgreSQL copies a template only while nobody else is connected to it.
    private static readonly SemaphoreSlim Copying = new(1, 1);

    private string _template = null!;

    /// <summary>The first review: record 0 has a conflict resolved, record 1 one vote, record 2 none.</summary>
    public Guid Review { get; private set; }

    public Guid SecondReview { get; private set; }

    public IReadOnlyList<Guid> Records { get; private set; } = [];

    public IReadOnlyList<Guid> SecondRecords { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        var app = new SealedLogApp();
        await app.InitializeAsync();
        try
        {
            var first = await ReviewScenario.WithTeamAsync(app);
            var records = await first.RecordsAsync(3);
            (await first.VoteAsync(first.S1, records[0], "include")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await first.VoteAsync(first.S2, records[0], "exclude", reasonCode: "wrong-population")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await first.ResolveAsync(first.Resolver, records[0], "include")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await first.VoteAsync(first.S1, records[1], "include")).StatusCode.ShouldBe(HttpStatusCode.OK);
            // A checkpoint of the first review alone: an older head, as a restored backup of the checkpoint directory holds.
            await WaitUntilSealedAsync(app.ConnectionString);

            var second = await ReviewScenario.WithTeamAsync(app);
            var secondRecords = await second.RecordsAsync(2, "Embase");
            (await second.VoteAsync(second.S1, secondRecords[0], "exclude", reasonCode: "wrong-population")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await second.VoteAsync(second.S2, secondRecords[0], "exclude", reasonCode: "wrong-population")).StatusCode.ShouldBe(HttpStatusCode.OK);

            (Review, Records, SecondReview, SecondRecords) = (first.ReviewId, records, second.ReviewId, secondRecords);
            await WaitUntilSealedAsync(app.ConnectionString);
        }
        finally
        {
            await app.DisposeAsync();
        }

        _template = app.ConnectionString;
        NpgsqlConnection.ClearAllPools();
        await using var server = new NpgsqlConnection(ServerOf(_template));
        await server.OpenAsync();
        await using var terminate = new NpgsqlCommand(
            "select pg_terminate_backend(pid) from pg_stat_activity where datname = @name and pid <> pg_backend_pid()", server);
        terminate.Parameters.AddWithValue("name", DatabaseOf(_template));
        await terminate.ExecuteNonQueryAsync();
    }

    /// <summary>Every event has a leaf, the newest block has a signed head, and that head is in a checkpoint file.</summary>
    private static async Task WaitUntilSealedAsync(string connectionString)
    {
        const string Done = $"""
            select not exists (select 1 from {S}.mt_events e where e.type <> 'tombstone' and not exists (select 1 from {S}.sealed_leaves s where s.seq_id = e.seq_id))
               and (select count(*) from {S}.sealed_leaves) = coalesce((select max((data ->> 'size')::bigint) from {S}.mt_doc_treehead), -1)
            """;
        var directory = AppFixture.CheckpointDirectoryFor(connectionString);
        await using var db = NpgsqlDataSource.Create(connectionString);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using var command = db.CreateCommand(Done);
            var size = await ScalarLongAsync(db, $"select count(*) from {S}.sealed_leaves");
            if (await command.ExecuteScalarAsync() is true && File.Exists(Path.Combine(directory, EventReview.Audit.TreeHeadWriter.FileName(size)))) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The log was not sealed within a minute.");
            await Task.Delay(200);
        }
    }

    /// <summary>A fresh copy of the sealed database with a copy of its checkpoint directory; returns the owner's connection.</summary>
    public async Task<string> CopyAsync()
    {
        var name = "er_sealedcopy_" + Guid.NewGuid().ToString("N");
        await Copying.WaitAsync();
        try
        {
            await using var server = new NpgsqlConnection(ServerOf(_template));
            await server.OpenAsync();
            await using var create = new NpgsqlCommand($"create database \"{name}\" template \"{DatabaseOf(_template)}\"", server);
            await create.ExecuteNonQueryAsync();
        }
        finally
        {
            Copying.Release();
        }
        var copy = new NpgsqlConnectionStringBuilder(_template) { Database = name }.ConnectionString;
        var from = AppFixture.CheckpointDirectoryFor(_template);
        var to = AppFixture.CheckpointDirectoryFor(copy);
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "tree-head-*.json"))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        return copy;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public static async Task<long> ScalarLongAsync(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string ServerOf(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString;

    private static string DatabaseOf(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Database!;

    private sealed class SealedLogApp : AppFixture
    {
        protected override string Purpose => "SealedLog";
    }
}
