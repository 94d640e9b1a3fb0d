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

    /// <summary>The harness's own standard output; a scenario hosting the app sends the app's console log elsewhere.</summary>
    public required TextWriter Out { get; init; }

    public string CorpusDirectory => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "corpus"));

    public void Log(string message) => Out.WriteLine($"  [{DateTime.Now:HH:mm:ss}] {message}");

    /// <summary>A fresh, empty database on the bench cluster (dropped first if a previous run left it).</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct)
    {
        await using (var conn = new NpgsqlConnection(ServerConnectionString))
        {
            await conn.OpenAsync(ct);
            await using (var drop = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", conn))
                await drop.ExecuteNonQueryAsync(ct);
            await using var create = new NpgsqlCommand($"create database \"{name}\"", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
        return ConnectionStringFor(name);
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
