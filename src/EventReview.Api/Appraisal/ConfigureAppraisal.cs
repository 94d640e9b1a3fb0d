using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Reviews;
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

    [WolverinePut("/api/reviews/{reviewId}/appraisal-settings"), Tags("Appraisal")]
    public static async Task<IResult> Put(Guid reviewId, ConfigureAppraisal command, ClaimsPrincipal user, IDocumentSession session,
        HttpContext http, CancellationToken ct)
    {
        var (stream, problem) = await ReviewAccess.WriteAsync(session, http, reviewId, user, ct, Role.Lead);
        if (problem is not null) return problem.ToResult();

        stream.AppendOne(new AppraisalSettingsConfigured(reviewId, command.AppraisersPerRecord, Actor.From(user)));
        return Results.Ok(new { appraisersPerRecord = command.AppraisersPerRecord });
    }
}
