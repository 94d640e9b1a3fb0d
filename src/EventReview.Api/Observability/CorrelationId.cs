using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Serilog.Context;

namespace EventReview.Observability;

/// <summary>
/// Gives every request a correlation id: the caller's X-Correlation-ID when sent, else the W3C trace id.
/// Wolverine copies the header into the Marten session, so the same id lands in every event's metadata.
/// </summary>
public sealed class CorrelationId(RequestDelegate next)
{
    public const string Header = "X-Correlation-ID";
    private const int MaxLength = 128;

    public static string Of(HttpContext http) =>
        http.Request.Headers[Header].FirstOrDefault() ?? Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;

    public async Task InvokeAsync(HttpContext http)
    {
        var supplied = http.Request.Headers[Header].FirstOrDefault();
        var id = IsAcceptable(supplied) ? supplied! : Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
        http.Request.Headers[Header] = id;
        http.Response.Headers[Header] = id;
        using (LogContext.PushProperty("CorrelationId", id))
        {
            await next(http);
        }
    }

    private static bool IsAcceptable(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}

public static class SessionCorrelation
{
    /// <summary>Stamps the request's correlation id on every event this session appends.</summary>
    public static void CorrelateWith(this Marten.IDocumentSession session, HttpContext http) =>
        session.CorrelationId = CorrelationId.Of(http);
}
