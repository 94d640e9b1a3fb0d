using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EventReview.Hosting;

/// <summary>
/// Watches the embedded cluster while the host runs and starts it again when it exits unexpectedly (a crash, an OOM
/// kill, a stray pg_ctl stop), backing off between attempts; leaves the cluster when the host stops.
/// Requests fail with 503 during the outage (see ExceptionProblems); the pool's broken connections are replaced on use.
/// </summary>
public sealed class EmbeddedPostgresSupervisor(EmbeddedPostgres postgres, ILogger<EmbeddedPostgresSupervisor> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan FirstBackOff = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestBackOff = TimeSpan.FromSeconds(5);

    /// <summary>Since when the cluster has been down (null while it runs).</summary>
    public DateTimeOffset? DownSince { get; private set; }

    public int Restarts { get; private set; }

    public DateTimeOffset? LastRestart { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(Poll, stoppingToken);
                if (await postgres.IsRunningAsync(stoppingToken)) continue;
                await RestartAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task RestartAsync(CancellationToken ct)
    {
        var down = DateTimeOffset.UtcNow;
        DownSince = down;
        logger.LogWarning("The embedded PostgreSQL is not running (it exited without being asked to); starting it again");
        var backOff = FirstBackOff;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await postgres.RestartAsync(ct);
                var up = DateTimeOffset.UtcNow;
                Restarts++;
                LastRestart = up;
                logger.LogWarning("The embedded PostgreSQL is running again after {Attempts} attempt(s), {Seconds:0.0} s after the outage was seen",
                    attempt, (up - down).TotalSeconds);
                DownSince = null;
                return;
            }
            catch (InvalidOperationException ex)
            {
                // Typically the dead server's backends still hold its shared memory for a moment.
                logger.LogWarning("Starting the embedded PostgreSQL failed (attempt {Attempt}), retrying in {Delay} ms: {Reason}",
                    attempt, (int)backOff.TotalMilliseconds, ex.Message);
                await Task.Delay(backOff, ct);
                backOff = TimeSpan.FromTicks(Math.Min(backOff.Ticks * 2, LongestBackOff.Ticks));
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await postgres.ReleaseAsync();
    }
}

/// <summary>Readiness: the embedded cluster is running, or it is down and being restarted (and since when).</summary>
internal sealed class EmbeddedPostgresHealthCheck(EmbeddedPostgresSupervisor supervisor) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var data = new Dictionary<string, object> { ["restarts"] = supervisor.Restarts };
        if (supervisor.LastRestart is { } last) data["lastRestart"] = last;
        return Task.FromResult(supervisor.DownSince is { } since
            ? HealthCheckResult.Unhealthy($"The embedded PostgreSQL exited at about {since:O}; restarting it.", data: data)
            : HealthCheckResult.Healthy("The embedded PostgreSQL is running.", data));
    }
}
