using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Reviews;
using EventReview.Signatures;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;

namespace EventReview.Audit;

/// <summary>
/// The complete log and its proofs. These routes show every vote, so they are for leads and auditors only:
/// a blinded screener must not read other reviewers' votes from the raw log.
/// </summary>
public static class GetEventLogEndpoint
{
    [WolverineGet("/api/reviews/{reviewId}/events", OperationId = "exportEventLog", Summary = "The review's event log as NDJSON, each event with its hash link."), Tags("Audit")]
    [ProducesResponseType<string>(200, "application/x-ndjson")]
    [ProducesResponseType<ProblemDetails>(403, "application/problem+json")]
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

    /// <summary>
    /// The review's chains, seals and projections, each signature's check, and the newest signed tree head: a checkpoint
    /// to keep elsewhere, which covers only sealed events and so can never disagree with a later honest read.
    /// </summary>
    [WolverineGet("/api/reviews/{reviewId}/verification", OperationId = "verifyReview", Summary = "Verify the review's hash chains, seals, projections and signatures."), Tags("Audit")]
    [ProducesResponseType<ReviewVerification>(200)]
    [ProducesResponseType<ProblemDetails>(403, "application/problem+json")]
    public static async Task<IResult> Verification(Guid reviewId, ClaimsPrincipal user, IQuerySession session, NpgsqlDataSource db,
        SealKey key, SealStatus sealer, CancellationToken ct)
    {
        var (_, problem) = await ReviewAccess.LoadAsync(session, reviewId, user, ct, Role.Lead, Role.Auditor);
        if (problem is not null) return problem.ToResult();
        var chain = EventLog.Verify(db, reviewId);
        var findings = new List<AuditFinding>();
        if (chain.FirstFailure is { } broken)
            findings.Add(AuditFinding.Of(broken));
        if (await ReviewAudit.CheckSealsAsync(db, reviewId, ct) is { } seal) findings.Add(seal);
        if (await ProjectionCheck.CheckAsync(session.DocumentStore, reviewId, ct) is { } projection) findings.Add(projection);
        var head = await SealStore.NewestTreeHeadAsync(db, ct);
        if (head is not null && !head.IsSignedBy(key))
            findings.Add(new AuditFinding(AuditFindingKind.TreeHead, null, null, null, $"The newest tree head (size {head.Size}) is not signed by the seal key.", AuditActions.Checkpoint));
        var signatures = await SignatureCheck.VerifyAsync(session, reviewId, ct);
        return Results.Ok(new ReviewVerification(findings.Count == 0 && signatures.All(s => s.Valid), chain, findings,
            findings.Count == 0 ? head : null, sealer.Refusal, signatures));
    }
}

public sealed record ReviewVerification(bool Intact, VerificationReport Chain, IReadOnlyList<AuditFinding> Findings, TreeHead? Checkpoint,
    string? SealerRefusal, IReadOnlyList<SignatureVerdict> Signatures);
