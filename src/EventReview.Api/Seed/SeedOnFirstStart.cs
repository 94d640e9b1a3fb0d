using EventReview.Hosting;
using EventReview.Reviews;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EventReview.Seed;

/// <summary>
/// Loads the seed review when the application starts on a database that holds no review yet, so a first `serve`
/// shows a complete review. Registered after the event store, so it runs once the schema is applied, and it finishes
/// before the server takes requests; a failure is logged and the server starts without the seed. Off when
/// <see cref="EventReviewOptions.LoadSeedOnFirstStart"/> is false. Nodes starting together on one database take turns
/// on a PostgreSQL advisory lock, so exactly one loads the seed and the others find it there.
/// </summary>
public sealed class SeedOnFirstStart(IDocumentStore store, NpgsqlDataSource db, EventReviewOptions options, ILogger<SeedOnFirstStart> logger)
    : IHostedService
{
    /// <summary>The advisory lock key ("er-seed" in ASCII); session-level, so PostgreSQL releases it if a node dies.</summary>
    public const long LockKey = 0x65_72_2D_73_65_65_64;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.LoadSeedOnFirstStart) return;
        await using var lockConnection = await db.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"select pg_advisory_lock({LockKey})", lockConnection))
            await take.ExecuteNonQueryAsync(cancellationToken);
        try
        {
            await LoadUnlessPresentAsync(cancellationToken);
        }
        finally
        {
            // Explicitly: pooled connections are not reset on return (NoResetOnClose), so closing would keep the lock.
            await using var release = new NpgsqlCommand($"select pg_advisory_unlock({LockKey})", lockConnection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private async Task LoadUnlessPresentAsync(CancellationToken cancellationToken)
    {
        await using (var query = store.QuerySession())
        {
            if (await query.Query<Review>().AnyAsync(cancellationToken)) return;
        }
        try
        {
            await SeedLoader.LoadAsync(store, logger, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The seed is an example; the server is still useful without it, and `eventreview demo` completes it later.
            logger.LogError(ex, "Loading the seed review failed; starting without it. Run `eventreview demo` to complete it");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
