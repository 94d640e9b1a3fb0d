using Npgsql;
using Testcontainers.PostgreSql;

namespace EventReview.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the integration tests use: EVENTREVIEW_TEST_DB when set (ops/test starts a private
/// cluster and sets it), else a Testcontainers container on machines that have Docker. Each fixture gets a
/// database of its own, so test classes run in parallel without seeing each other's data.
/// </summary>
public static class TestDatabase
{
    public const string Variable = "EVENTREVIEW_TEST_DB";

    private static readonly Lazy<Task<string>> Server = new(StartServerAsync);

    public static async Task<string> CreateAsync(string purpose)
    {
        var server = await Server.Value;
        var label = new string(purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(24).ToArray());
        var name = $"er_{label}_{Guid.NewGuid():N}";
        await using (var conn = new NpgsqlConnection(server))
        {
            await conn.OpenAsync();
            await using var create = new NpgsqlCommand($"create database \"{name}\"", conn);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true, MaxPoolSize = 40 }.ConnectionString;
    }

    private static async Task<string> StartServerAsync()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(configured)) return configured;

        var container = new PostgreSqlBuilder("postgres:15").Build();
        await container.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return container.GetConnectionString();
    }
}
