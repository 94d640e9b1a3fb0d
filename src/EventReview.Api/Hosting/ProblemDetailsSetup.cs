using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wolverine.Http;

namespace EventReview.Hosting;

/// <summary>
/// Every error answer is problem details (application/problem+json), whatever the client's Accept header says and
/// whoever refused the request: an endpoint, Wolverine's binding, authentication, routing (404, 405) or the status code
/// pages that fill an empty error response. Wolverine's own wording is replaced where it would name a .NET type.
/// </summary>
public static class ProblemDetailsSetup
{
    public static IServiceCollection AddEventReviewProblemDetails(this IServiceCollection services)
    {
        // Before AddProblemDetails: the first writer that can write wins, and the default one declines when the client
        // does not accept JSON, which would leave a bare status code.
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = Customize);
        return services;
    }

    internal static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var http = context.HttpContext;
        switch (problem.Title)
        {
            // Wolverine's title for a JSON body it could not read; CommandJson wrote the detail. The position Wolverine
            // adds is where the command starts for CommandJson's refusals, and already in the detail of a syntax error.
            case "Invalid JSON format":
                problem.Title = "Invalid request";
                problem.Extensions.Remove("lineNumber");
                problem.Extensions.Remove("bytePositionInLine");
                break;
            case "Invalid query string value" when problem.Extensions.TryGetValue("parameter", out var parameter) && parameter is string name:
                problem.Title = "Invalid request";
                problem.Detail = QueryDetail(http, name);
                break;
        }
        // Wolverine's answer when a body fails to deserialize for a reason other than the JSON names the types involved.
        if (problem.Extensions.Remove("exceptionType") | problem.Extensions.Remove("targetType"))
            problem.Detail = "The request body could not be read; the failure is logged with its correlation id.";
        problem.Detail ??= DefaultDetail(problem.Status ?? http.Response.StatusCode, http);
    }

    /// <summary>What the value of a query parameter must look like, from the endpoint's own parameter.</summary>
    private static string QueryDetail(HttpContext http, string name)
    {
        var type = http.GetEndpoint()?.Metadata.GetMetadata<HttpChain>()?.Method.Method.GetParameters()
            .FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.ParameterType;
        return type is not null && JsonInputMessages.Simple(type) is { } expected
            ? $"Query value '{name}' must be {expected}."
            : $"Query value '{name}' cannot be read.";
    }

    private static string? DefaultDetail(int status, HttpContext http) => status switch
    {
        StatusCodes.Status401Unauthorized =>
            "A valid bearer token is required: send 'Authorization: Bearer <token>' with an unexpired token issued for this server.",
        StatusCodes.Status403Forbidden => "The token does not allow this request.",
        StatusCodes.Status404NotFound => "Nothing is found at this path.",
        StatusCodes.Status405MethodNotAllowed => $"This path does not take {http.Request.Method}.",
        StatusCodes.Status406NotAcceptable => "This route answers with JSON; accept application/json.",
        StatusCodes.Status415UnsupportedMediaType => "The body must be JSON, sent with 'Content-Type: application/json'.",
        _ => null,
    };

    /// <summary>Writes problem details as application/problem+json for every client.</summary>
    private sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> options, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IProblemDetailsWriter
    {
        public bool CanWrite(ProblemDetailsContext context) => true;

        public ValueTask WriteAsync(ProblemDetailsContext context)
        {
            var http = context.HttpContext;
            var problem = context.ProblemDetails;
            problem.Status ??= http.Response.StatusCode;
            problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
            problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? http.TraceIdentifier);
            options.Value.CustomizeProblemDetails?.Invoke(context);
            return new ValueTask(http.Response.WriteAsJsonAsync(problem, json.Value.SerializerOptions,
                "application/problem+json", http.RequestAborted));
        }
    }
}
