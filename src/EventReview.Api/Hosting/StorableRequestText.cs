using System.Security.Claims;
using EventReview.Identity;
using Microsoft.AspNetCore.Http;

namespace EventReview.Hosting;

/// <summary>
/// Refuses, with 400 naming the field, text PostgreSQL cannot store that arrives outside a JSON body: the token's
/// 'sub' and 'name' (recorded on every event) and query values (compared in SQL). JSON bodies get the same check from
/// <see cref="CommandJson"/>. Runs after authorization, so a caller without a valid token still gets 401 first.
/// </summary>
public sealed class StorableRequestText(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, IProblemDetailsService problems)
    {
        if ((ClaimProblem(http.User) ?? QueryProblem(http.Request)) is { } detail)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await problems.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = Problems.Invalid(detail) });
            return;
        }
        await next(http);
    }

    private static string? ClaimProblem(ClaimsPrincipal user)
    {
        foreach (var type in new[] { ClaimNames.Subject, ClaimNames.Name })
        {
            foreach (var claim in user.FindAll(type))
            {
                if (StorableText.Problem(claim.Value) is { } problem) return $"The token's '{type}' claim contains {problem}, which cannot be stored.";
            }
        }
        return null;
    }

    private static string? QueryProblem(HttpRequest request)
    {
        // A query decodes invalid UTF-8 to U+FFFD, so only a percent-escaped NUL can make it unstorable.
        if (request.QueryString.Value?.Contains("%00", StringComparison.Ordinal) != true) return null;
        foreach (var (name, values) in request.Query)
        {
            if (StorableText.Problem(name) is { } inName) return $"A query parameter's name contains {inName}, which cannot be stored.";
            foreach (var value in values)
            {
                if (StorableText.Problem(value) is { } inValue) return $"Query value '{name}' contains {inValue}, which cannot be stored.";
            }
        }
        return null;
    }
}
