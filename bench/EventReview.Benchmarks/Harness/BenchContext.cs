using Npgsql;

namespace EventReview.Benchmarks.Harness;

/// <summary>What every scenario needs: the bench cluster, a scratch directory, the corpus, and where to print.</summary>
public sealed class BenchContext
{
    /// <summary>A fixed key, so the harness mints tokens exactly as `eventreview token` does.</summary>
    public const string SigningKey = "ZXZlbnRyZXZpZXctYmVuY2gtc2lnbmluZy1rZXktMzItYnl0ZXMhIQ==";

    public required string ServerConnectionString { get; init; }
    public required string WorkDirectory { get; init; }
    public required string RepositoryRoot { get; init; }
    public required bool Quick { get; init; }
    public string? CliPath { get; init; }
    public string? CitationJsDirectory { get; init; }

    /// <summary>
    /// A load scenario starts its load only once this file exists, so that two builds measured side by side (ops/bench-pair)
    /// load the machine over the same seconds.
    /// </summary>
    public string? StartFile { get; init; }

    /// <summary>Replaces a load scenario's warm-up: side by side, each process gets half the cores and its JIT needs longer.</summary>
    public TimeSpan? WarmUp { get; init; }

    /// <summary>The harness's own standard output; a scenario hosting the app sends the app's console log elsewhere.</summary>
    public required TextWriter Out { get; init; }

    public string CorpusDirectory => Path.Combine(RepositoryRoot, "tests", "data", "corpus");

    /// <summary>
    /// The shared-node settings a configured database requires (docs/operations.md): a seal key made once per work
    /// directory, and the checkpoint directory.
    /// </summary>
    public IReadOnlyDictionary<string, string> SharedNodeSettings()
    {
        var sealKeyFile = Path.Combine(WorkDirectory, "seal-key.pem");
        EventReview.Hosting.KeyFile.ReadOrCreate(sealKeyFile, EventReview.Audit.SealKey.NewPem);
        return new Dictionary<string, string>
        {
            ["EventReview:Auth:SigningKey"] = SigningKey,
            ["EventReview:Audit:SealKeyFile"] = sealKeyFile,
            ["EventReview:Audit:CheckpointDirectory"] = Path.Combine(WorkDirectory, "checkpoints"),
        };
    }

    /// <summary>Waits for <see cref="StartFile"/>, when one is named.</summary>
    public async Task WaitForStartAsync(CancellationToken ct)
    {
        if (StartFile is null) return;
        Log($"ready; waiting for {StartFile}");
        while (!File.Exists(StartFile)) await Task.Delay(50, ct);
    }

    public void Log(string message) => Out.WriteLine($"  [{DateTime.Now:HH:mm:ss}] {message}");

    /// <summary>A fresh, empty database on the bench cluster (dropped first if a previous run left it).</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct)
    {
        await using (var conn = new NpgsqlConnection(ServerConnectionString))
        {
            await conn.OpenAsync(ct);
            await DropAsync(conn, name, ct);
            await using var create = new NpgsqlCommand($"create database \"{name}\"", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
        return ConnectionStringFor(name);
    }

    /// <summary>
    /// Drops the databases earlier runs left on the bench cluster, except <paramref name="keep"/>, and writes out what
    /// they left dirty. Otherwise autovacuum works through a million-row database of an earlier run, or a checkpoint
    /// writes its pages, while this run is measured: CPU and I/O that the quiet wait (which watches other processes,
    /// not the cluster) cannot see.
    /// </summary>
    public async Task DropDatabasesExceptAsync(IReadOnlyCollection<string> keep, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(ServerConnectionString);
        await conn.OpenAsync(ct);
        var names = new List<string>();
        await using (var list = new NpgsqlCommand("select datname from pg_database where starts_with(datname, 'bench_')", conn))
        await using (var reader = await list.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) names.Add(reader.GetString(0));
        foreach (var name in names.Except(keep)) await DropAsync(conn, name, ct);
        await CheckpointAsync(ct);
    }

    /// <summary>Writes out every dirty page on the cluster now, so what a run's own untimed setup wrote is not written while it is measured.</summary>
    public async Task CheckpointAsync(CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(ServerConnectionString);
        await conn.OpenAsync(ct);
        await using var checkpoint = new NpgsqlCommand("checkpoint", conn);
        await checkpoint.ExecuteNonQueryAsync(ct);
    }

    private static async Task DropAsync(NpgsqlConnection conn, string name, CancellationToken ct)
    {
        await using var drop = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", conn);
        await drop.ExecuteNonQueryAsync(ct);
    }

    public async Task<bool> DatabaseExistsAsync(string name, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(ServerConnectionString);
        await conn.OpenAsync(ct);
        await using var command = new NpgsqlCommand("select 1 from pg_database where datname = $1", conn) { Parameters = { new() { Value = name } } };
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database, MaxPoolSize = 100 }.ConnectionString;

    public async Task<string> ServerVersionAsync(CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(ServerConnectionString);
        await conn.OpenAsync(ct);
        await using var command = new NpgsqlCommand("select version()", conn);
        return (string)(await command.ExecuteScalarAsync(ct))!;
    }
}
