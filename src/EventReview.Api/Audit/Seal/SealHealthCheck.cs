using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace EventReview.Audit;

/// <summary>
/// Readiness of the sealing: unhealthy once the sealer refused an event (the log holds an event the application did not
/// write); degraded while the oldest unsealed event is older than the lag limit. Reports the seal lag in seconds, the
/// tree's size and the newest signed tree head.
/// </summary>
public sealed class SealHealthCheck(NpgsqlDataSource db, SealStatus status) : IHealthCheck
{
    public static readonly TimeSpan LagLimit = TimeSpan.FromSeconds(30);

    private const string Lag = $"""
        select extract(epoch from now() - min(e.timestamp))
        from {Hosting.EventStoreSetup.Schema}.mt_events e
        where e.seq_id > coalesce((select max(seq_id) from {SealedLeaves.Table}), 0) and {EventLog.NotTombstone}
        """;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = db.CreateCommand(Lag);
            var lag = await command.ExecuteScalarAsync(cancellationToken) is decimal seconds ? (double)seconds : 0;
            var head = await SealStore.NewestTreeHeadAsync(db, cancellationToken);
            var data = new Dictionary<string, object>
            {
                ["lagSeconds"] = Math.Round(Math.Max(0, lag), 3),
                ["treeSize"] = (await SealStore.NewestBlockAsync(db, cancellationToken))?.Size ?? 0,
                ["newestTreeHead"] = head is null ? "none" : $"{head.Size} at {ChainTimestamp.Format(head.Time)}",
            };
            if (status.Refusal is { } refusal) return HealthCheckResult.Unhealthy("The sealer refused an event: " + refusal, data: data);
            return lag > LagLimit.TotalSeconds
                ? HealthCheckResult.Degraded($"The oldest unsealed event is {lag:F0} s old.", data: data)
                : HealthCheckResult.Healthy("Events are sealed behind the high-water mark.", data);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("Seal progress unavailable: " + ex.Message);
        }
    }
}
