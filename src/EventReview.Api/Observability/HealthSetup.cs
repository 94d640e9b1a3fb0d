using EventReview.Hosting;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace EventReview.Observability;

public static class HealthSetup
{
    public static IServiceCollection AddEventReviewHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<ProjectionHealthCheck>("projections", tags: ["ready"])
            .AddCheck<Audit.SealHealthCheck>("seal", tags: ["ready"]);
        return services;
    }

    /// <summary>Liveness answers while the process runs; readiness checks the database and the projections.</summary>
    public static void MapEventReviewHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false, ResponseWriter = WriteJson }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteJson })
            .AllowAnonymous();
    }

    private static Task WriteJson(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        var body = new
        {
            status = EventReviewJson.Name(report.Status),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = EventReviewJson.Name(e.Value.Status), description = e.Value.Description, data = e.Value.Data }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, Hosting.EventReviewJson.Options));
    }
}

internal sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("select 1");
            await command.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy("PostgreSQL answers.");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer: " + ex.Message);
        }
    }
}

/// <summary>Reports how far each asynchronous projection trails the newest event.</summary>
internal sealed class ProjectionHealthCheck(IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var stats = await store.Advanced.FetchEventStoreStatistics(token: ct);
            var progress = await store.Advanced.AllProjectionProgress(token: ct);
            var data = new Dictionary<string, object> { ["highWaterMark"] = stats.EventSequenceNumber, ["events"] = stats.EventCount };
            foreach (var shard in progress.Where(s => s.ShardName != "HighWaterMark"))
                data[shard.ShardName] = new { sequence = shard.Sequence, lag = Math.Max(0, stats.EventSequenceNumber - shard.Sequence) };
            return HealthCheckResult.Healthy("Projection progress against the newest event.", data);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("Projection progress unavailable: " + ex.Message);
        }
    }
}
