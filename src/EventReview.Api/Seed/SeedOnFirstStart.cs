using EventReview.Hosting;
using EventReview.Reviews;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EventReview.Seed;

/// <summary>
/// Loads the seed review when the application starts on a database that holds no review yet, so a first `serve`
/// shows a complete review. Registered after the event store, so it runs once the schema is applied, and it finishes
/// before the server takes requests; a failure is logged and the server starts without the seed. Off when
/// <see cref="EventReviewOptions.LoadSeedOnFirstStart"/> is false.
/// </summary>
public sealed class SeedOnFirstStart(IDocumentStore store, EventReviewOptions options, ILogger<SeedOnFirstStart> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.LoadSeedOnFirstStart) return;
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
