using EventReview.Hosting;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EventReview.Audit;

/// <summary>
/// Every few seconds, on the node whose sealer is active, signs a tree head for the newest sealed block if it has none
/// yet, stores it, and writes it as a checkpoint file outside the database (tree-head-{size}.json). A head is always of
/// a committed block, so no file ever names a tree the database does not hold.
/// </summary>
public sealed class TreeHeadWriter(IDocumentStore store, NpgsqlDataSource db, SealKey key, SealStatus status, EventReviewOptions options,
    CheckpointDirectory checkpoints, ILogger<TreeHeadWriter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.1, options.Audit.TreeHeadSeconds)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (status.IsActive(DateTimeOffset.UtcNow)) await SignNewestAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "No tree head was signed this time");
            }
        }
    }

    /// <summary>Signs the newest block's tree if no head covers it yet; returns the newest head either way.</summary>
    public async Task<TreeHead?> SignNewestAsync(CancellationToken ct)
    {
        var block = await SealStore.NewestBlockAsync(db, ct);
        var newest = await SealStore.NewestTreeHeadAsync(db, ct);
        if (block is null || newest?.Size >= block.Size) return newest;

        var head = TreeHead.Sign(key, block.Log, block.Size, block.Root, DateTimeOffset.UtcNow);
        await using (var session = store.LightweightSession())
        {
            session.Insert(head);
            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (Exception ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Another node signed this size a moment earlier.
                return await SealStore.NewestTreeHeadAsync(db, ct);
            }
        }
        await WriteFileAsync(head, ct);
        return head;
    }

    private async Task WriteFileAsync(TreeHead head, CancellationToken ct)
    {
        Directory.CreateDirectory(checkpoints.Path);
        var path = Path.Combine(checkpoints.Path, FileName(head.Size));
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, head.ToJson(), ct);
        File.Move(temp, path, overwrite: true);
    }

    public static string FileName(long size) => $"tree-head-{size:D12}.json";
}

/// <summary>Where checkpoint files go: the configured directory, else the data directory's checkpoints/.</summary>
public sealed record CheckpointDirectory(string Path)
{
    public static CheckpointDirectory For(AuditOptions audit, string dataDirectory) =>
        new(audit.CheckpointDirectory is { } configured ? System.IO.Path.GetFullPath(configured) : System.IO.Path.Combine(dataDirectory, "checkpoints"));
}
