using System.Text.Json;
using EventReview.Observability;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Serilog;

namespace EventReview.Hosting;

/// <summary>
/// Turns the exceptions that reach the pipeline into problem details: a concurrency conflict is 409, an
/// unreachable database 503, a malformed body 400. Anything else is a 500 that never shows a stack trace.
/// </summary>
public sealed class ExceptionProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = Classify(exception);
        if (status == StatusCodes.Status413PayloadTooLarge && RequestLimits.IsUpload(httpContext))
            (title, detail) = ("Upload too large", detail + " Records already imported from this upload are kept; re-uploading skips them.");
        // The request log (outside this handler) records the exception with the status actually sent and the
        // correlation id; the client gets no stack trace, but the correlation id the handler cleared goes back.
        httpContext.RequestServices.GetService<IDiagnosticContext>()?.SetException(exception);
        httpContext.Response.Headers[CorrelationId.Header] = CorrelationId.Of(httpContext);
        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable) httpContext.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    private const string Unavailable =
        "The database cannot be reached right now. Retry shortly; with the same Idempotency-Key a retry never stores a decision twice.";

    internal static (int Status, string Title, string? Detail) Classify(Exception exception) => exception switch
    {
        JasperFx.ConcurrencyException or ConcurrentUpdateException or ExistingStreamIdCollisionException
            or JasperFx.Events.EventStreamUnexpectedMaxEventIdException =>
            (409, "Concurrent change", "The record changed while this request was processed; read it again and retry."),
        // Two transactions that waited for each other's locks: the one PostgreSQL chose to end lost a race, as above.
        PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected } =>
            (409, "Concurrent change", "The records changed while this request was processed; read them again and retry."),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } tooLarge => (413, "Request body too large", tooLarge.Message),
        BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
        JsonInputException input => (400, "Invalid request", input.Message),
        JsonException => (400, "Malformed JSON", "The request body is not JSON this route can read."),
        NpgsqlException { IsTransient: true } or TimeoutException or System.Net.Sockets.SocketException =>
            (503, "Database unavailable", Unavailable),
        NpgsqlException { InnerException: System.Net.Sockets.SocketException or IOException or TimeoutException } =>
            (503, "Database unavailable", Unavailable),
        OperationCanceledException => (499, "Request cancelled", null),
        _ when exception.InnerException is { } inner && Classify(inner).Status != 500 => Classify(inner),
        _ => (500, "Internal error", "The request failed; nothing was stored. The failure is logged with its correlation id."),
    };
}
