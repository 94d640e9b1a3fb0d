using System.Security.Claims;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using EventReview.Hosting;
using EventReview.Identity;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Reviews;

public sealed record AddExclusionReason(string Code, string Label, [property: JsonRequired] Stage Stage);

public static partial class AddExclusionReasonEndpoint
{
    public static ProblemDetails Validate(AddExclusionReason command) => Problems.FirstOf(
        Problems.CheckText(command.Code, "code", 64),
        command.Code is { } code && !CodePattern().IsMatch(code)
            ? Problems.Invalid("'code' uses lower-case letters, digits and hyphens only.")
            : null,
        Problems.CheckText(command.Label, "label", 300));

    [WolverinePost("/api/reviews/{reviewId}/exclusion-reasons"), Tags("Reviews")]
    public static async Task<IResult> Post(Guid reviewId, AddExclusionReason command, ClaimsPrincipal user,
        IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        var (stream, problem) = await ReviewAccess.WriteAsync(session, http, reviewId, user, ct, Role.Lead);
        if (problem is not null) return problem.ToResult();
        if (stream.Aggregate!.Reason(command.Stage, command.Code) is not null)
            return Problems.Rule("exclusion-reason-unique", $"The code '{command.Code}' already exists at this stage.").ToResult();

        stream.AppendOne(new ExclusionReasonAdded(reviewId, command.Stage, command.Code, command.Label.Trim(), Actor.From(user)));
        return Results.Created($"/api/reviews/{reviewId}", new ExclusionReason(command.Stage, command.Code, command.Label.Trim()));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex CodePattern();
}
