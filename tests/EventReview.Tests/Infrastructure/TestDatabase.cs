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
    private static readonly Lazy<Task<string>> Template = new(CreateTemplateAsync);

    // PostgreSQL refuses to copy a database while any other session is connected to it; one copy at a time keeps
    // that true whatever the copies themselves do.
    private static readonly SemaphoreSlim Copying = new(1, 1);

    /// <summary>An empty database: for tests of what the application does on a first start.</summary>
    public static Task<string> CreateAsync(string purpose) => CreateAsync(purpose, template: null);

    /// <summary>
    /// A database with the schema applied and the application role granted, copied from a template that is migrated
    /// once per test run. The copy brings the tables and the grants on them along; the role itself is cluster-wide.
    /// </summary>
    public static async Task<string> CreateMigratedAsync(string purpose) => await CreateAsync(purpose, await Template.Value);

    private static async Task<string> CreateAsync(string purpose, string? template)
    {
        var server = await Server.Value;
        var label = new string(purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(24).ToArray());
        var name = $"er_{label}_{Guid.NewGuid():N}";
        var sql = template is null ? $"create database \"{name}\"" : $"create database \"{name}\" template \"{template}\"";
        if (template is not null) await Copying.WaitAsync();
        try
        {
            await using var conn = new NpgsqlConnection(server);
            await conn.OpenAsync();
            await using var create = new NpgsqlCommand(sql, conn);
            await create.ExecuteNonQueryAsync();
        }
        finally
        {
            if (template is not null) Copying.Release();
        }
        return ConnectionStringFor(server, name);
    }

    private static string ConnectionStringFor(string server, string database) =>
        new NpgsqlConnectionStringBuilder(server) { Database = database, Pooling = true, MaxPoolSize = 40, ConnectionIdleLifetime = 15 }.ConnectionString;

    private static async Task<string> CreateTemplateAsync()
    {
        var server = await Server.Value;
        var owner = await CreateAsync("template", template: null);
        await TestSchema.ApplyAsync(owner);

        // Nothing may stay connected to a template while it is copied: drop pooled connections, then end any other.
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(owner).Database!;
        await using var conn = new NpgsqlConnection(server);
        await conn.OpenAsync();
        await using var terminate = new NpgsqlCommand(
            "select pg_terminate_backend(pid) from pg_stat_activity where datname = @name and pid <> pg_backend_pid()", conn);
        terminate.Parameters.AddWithValue("name", name);
        await terminate.ExecuteNonQueryAsync();
        return name;
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
