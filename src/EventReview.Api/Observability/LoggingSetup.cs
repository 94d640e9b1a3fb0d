using EventReview.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace EventReview.Observability;

public static class LoggingSetup
{
    /// <summary>Serilog for the whole host: readable lines by default, compact JSON when configured.</summary>
    public static void UseEventReviewLogging(this WebApplicationBuilder builder, EventReviewOptions options)
    {
        builder.Services.AddSerilog((services, logger) =>
        {
            // Defaults first, so configuration (Serilog:MinimumLevel...) can override any of them.
            logger.MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Marten", LogEventLevel.Warning)
                .MinimumLevel.Override("Wolverine", LogEventLevel.Warning)
                .MinimumLevel.Override("JasperFx", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.AspNetCore.DataProtection", LogEventLevel.Error)
                .Enrich.FromLogContext()
                .ReadFrom.Configuration(builder.Configuration);
            LogEventLevel? toStderr = options.LogToStandardError ? LogEventLevel.Verbose : null;
            if (string.Equals(options.LogFormat, "json", StringComparison.OrdinalIgnoreCase))
                logger.WriteTo.Console(new RenderedCompactJsonFormatter(), standardErrorFromLevel: toStderr);
            else
                logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {CorrelationId}{NewLine}{Exception}",
                    standardErrorFromLevel: toStderr, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        });
    }

    /// <summary>One line per request, carrying the correlation id that also goes into event metadata.</summary>
    public static void UseEventReviewRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(o =>
        {
            o.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                diagnostics.Set("CorrelationId", CorrelationId.Of(http));
                diagnostics.Set("UserId", http.User.FindFirst("sub")?.Value ?? "anonymous");
            };
            o.GetLevel = (http, _, ex) => ex is not null || http.Response.StatusCode >= 500
                ? LogEventLevel.Error
                : LogEventLevel.Information;
        });
    }
}
