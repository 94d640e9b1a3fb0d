using EventReview.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EventReview.Cli.Commands;

/// <summary>
/// The database a command works on: the configured one, else the embedded cluster, started for the command if needed
/// and stopped afterwards only if no other eventreview process (a running server) still uses it.
/// </summary>
public static class CliDatabase
{
    public static async Task<T> WithDataSourceAsync<T>(Func<NpgsqlDataSource, Task<T>> work)
    {
        var configuration = CliConfiguration.Load();
        var connectionString = configuration.GetConnectionString(EventReviewApp.ConnectionStringName);
        EmbeddedPostgres? embedded = null;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            embedded = await EmbeddedPostgres.StartAsync(DataDirectory.Resolve(CliConfiguration.Options(configuration).DataDirectory));
            connectionString = embedded.ConnectionString;
        }
        try
        {
            await using var db = PostgresDataSource.Open(connectionString);
            return await work(db);
        }
        finally
        {
            if (embedded is not null) await embedded.ReleaseAsync();
        }
    }

    /// <summary>Runs work against the whole application (store, schema, projections) without serving HTTP.</summary>
    public static async Task<T> WithAppAsync<T>(Func<IServiceProvider, Task<T>> work, bool loadSeed = false)
    {
        var app = await EventReviewApp.BuildAsync([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["EventReview:LoadSeedOnFirstStart"] = loadSeed ? "true" : "false",
                ["Serilog:MinimumLevel:Default"] = "Warning",
                ["Serilog:MinimumLevel:Override:Wolverine"] = "Error",
                ["EventReview:LogToStandardError"] = "true",
                // A command holds the store for a moment; the sealer is the serving process's.
                ["EventReview:Audit:Seal"] = "false",
            });
        });
        var embedded = app.Services.GetService<EmbeddedPostgres>();
        try
        {
            await app.StartAsync();
            return await work(app.Services);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            // Also when the start failed, which never stops the hosted services.
            if (embedded is not null) await embedded.ReleaseAsync();
        }
    }

    public static NpgsqlDataSource DataSource(IServiceProvider services) => services.GetRequiredService<NpgsqlDataSource>();
}
