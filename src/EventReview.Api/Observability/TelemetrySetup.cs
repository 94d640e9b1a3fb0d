using EventReview.Hosting;
using JasperFx.OpenTelemetry;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EventReview.Observability;

/// <summary>
/// OpenTelemetry traces and metrics over OTLP, only when an endpoint is configured: without one nothing is registered,
/// no listener subscribes to the libraries' sources, and they skip creating activities and recording measurements.
/// </summary>
public static class TelemetrySetup
{
    /// <summary>The application's own spans (the group commit); declared first, as Sources names it.</summary>
    public static readonly System.Diagnostics.ActivitySource Spans = new("EventReview");

    /// <summary>The sources and meters the libraries emit under (Npgsql, Marten and Wolverine documentation), and our own.</summary>
    public static readonly string[] Sources = ["Npgsql", "Marten", "Wolverine", Spans.Name];

    public static readonly string[] Meters = ["Npgsql", "Marten", "Wolverine*"];

    /// <summary>EventReview:Telemetry:OtlpEndpoint, else the standard OTEL_EXPORTER_OTLP_ENDPOINT.</summary>
    public static Uri? Endpoint(TelemetryOptions options, IConfiguration configuration) =>
        (options.OtlpEndpoint ?? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]) is { Length: > 0 } endpoint
            ? Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? uri
                : throw new InvalidOperationException($"The OTLP endpoint '{endpoint}' is not an absolute http or https address.")
            : null;

    public static IServiceCollection AddEventReviewTelemetry(this IServiceCollection services, TelemetryOptions options, IConfiguration configuration)
    {
        if (Endpoint(options, configuration) is not { } endpoint) return services;
        var protocol = options.OtlpProtocol switch
        {
            "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            var other => throw new InvalidOperationException($"EventReview:Telemetry:OtlpProtocol must be grpc or http/protobuf, not '{other}'."),
        };

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddSource(Sources))
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddMeter(Meters))
            .UseOtlpExporter(protocol, endpoint);
        // Connection spans and the append counter (marten.event.append) cost a little on every command: only when exported.
        services.ConfigureMarten(store =>
        {
            store.OpenTelemetry.TrackConnections = TrackLevel.Normal;
            store.OpenTelemetry.TrackEventCounters();
        });
        return services;
    }
}
