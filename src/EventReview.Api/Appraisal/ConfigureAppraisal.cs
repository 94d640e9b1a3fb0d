using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Reviews;
using EventReview.Rules;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Appraisal;

/// <summary>How many independent appraisers a record needs before its verdict is final (default 1).</summary>
public sealed record ConfigureAppraisal(int AppraisersPerRecord);

public static class ConfigureAppraisalEndpoint
{
    public static ProblemDetails Validate(ConfigureAppraisal command) =>
        command.AppraisersPerRecord is < 1 or > AppraisalSettings.MaxAppraisersPerRecord
            ? Problems.Invalid($"'appraisersPerRecord' must be between 1 and {AppraisalSettings.MaxAppraisersPerRecord}.")
            : Problems.None;

    public static RuleOutcome Decide(Review review, ConfigureAppraisal command, Actor by) =>
        ReviewAccess.Refuse(review, by.Id, Role.Lead) is { } denied
            ? denied
            : RuleOutcome.Append(new AppraisalSettingsConfigured(review.Id, command.AppraisersPerRecord, by));

    [WolverinePut("/api/reviews/{reviewId}/appraisal-settings", OperationId = "configureAppraisal", Summary = "Set how many appraisers rate each record."), Tags("Appraisal")]
    [ProducesResponseType<ConfigureAppraisal>(200)]
    public static Task<IResult> Put(Guid reviewId, ConfigureAppraisal command, ClaimsPrincipal user, IDocumentSession session,
        HttpContext http, CancellationToken ct) =>
        ReviewCommand.ExecuteAsync(session, http, reviewId, user,
            (review, by) => Decide(review, command, by),
            _ => Results.Ok(command), ct);
}
