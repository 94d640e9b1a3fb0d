using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Reviews;
using EventReview.Signatures;
using Marten;
using Microsoft.AspNetCore.Http;
using Npgsql;
using Wolverine.Http;

namespace EventReview.Audit;

/// <summary>
/// The complete log and its proofs. These routes show every vote, so they are for leads and auditors only:
/// a blinded screener must not read other reviewers' votes from the raw log.
/// </summary>
public static class GetEventLogEndpoint
{
    [WolverineGet("/api/reviews/{reviewId}/events"), Tags("Audit")]
    public static async Task Events(Guid reviewId, ClaimsPrincipal user, IQuerySession session, NpgsqlDataSource db, HttpContext http,
        CancellationToken ct)
    {
        var (_, problem) = await ReviewAccess.LoadAsync(session, reviewId, user, ct, Role.Lead, Role.Auditor);
        if (problem is not null)
        {
            await problem.ToResult().ExecuteAsync(http);
            return;
        }
        http.Response.ContentType = "application/x-ndjson; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"review-{reviewId}.ndjson\"";
        await using var writer = new StreamWriter(http.Response.Body, leaveOpen: true);
        await LogExport.WriteAsync(db, reviewId, writer, ct);
    }

    /// <summary>The chain check, the review-level head (a checkpoint to keep elsewhere) and each signature's check.</summary>
    [WolverineGet("/api/reviews/{reviewId}/verification"), Tags("Audit")]
    public static async Task<IResult> Verification(Guid reviewId, ClaimsPrincipal user, IQuerySession session, NpgsqlDataSource db,
        CancellationToken ct)
    {
        var (_, problem) = await ReviewAccess.LoadAsync(session, reviewId, user, ct, Role.Lead, Role.Auditor);
        if (problem is not null) return problem.ToResult();
        var report = EventLog.Verify(db, reviewId);
        var signatures = await SignatureCheck.VerifyAsync(session, reviewId, ct);
        return Results.Ok(new
        {
            intact = report.Intact && signatures.All(s => s.Valid),
            chain = report,
            checkpoint = report.Intact ? Checkpoint.Of(reviewId.ToString("D"), report, DateTimeOffset.UtcNow) : null,
            signatures,
        });
    }
}
