using System.Security.Claims;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Rules;
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

    public static RuleOutcome Decide(Review review, AddExclusionReason command, Actor by)
    {
        if (ReviewAccess.Refuse(review, by.Id, Role.Lead) is { } denied) return denied;
        if (review.Reason(command.Stage, command.Code) is not null)
            return Refusal.Broken("exclusion-reason-unique", $"The code '{command.Code}' already exists at this stage.");
        return RuleOutcome.Append(new ExclusionReasonAdded(review.Id, command.Stage, command.Code, command.Label.Trim(), by));
    }

    [WolverinePost("/api/reviews/{reviewId}/exclusion-reasons", OperationId = "addExclusionReason", Summary = "Add an exclusion reason to a stage."), Tags("Reviews")]
    [ProducesResponseType<ExclusionReason>(201)]
    public static Task<IResult> Post(Guid reviewId, AddExclusionReason command, ClaimsPrincipal user,
        IDocumentSession session, HttpContext http, CancellationToken ct) =>
        ReviewCommand.ExecuteAsync(session, http, reviewId, user,
            (review, by) => Decide(review, command, by),
            review => Results.Created($"/api/reviews/{reviewId}", review.Reason(command.Stage, command.Code)), ct);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex CodePattern();
}
