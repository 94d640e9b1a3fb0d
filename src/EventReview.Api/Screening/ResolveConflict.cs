using System.Security.Claims;
using System.Text.Json.Serialization;
using EventReview.Hosting;
using EventReview.Records;
using EventReview.Reviews;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Screening;

public sealed record ResolveConflict([property: JsonRequired] Stage Stage, [property: JsonRequired] Decision Decision, string? ReasonCode, string? Note);

public static class ResolveConflictEndpoint
{
    public static ProblemDetails Validate(ResolveConflict command) =>
        Problems.FirstOf(Problems.CheckText(command.Note, "note", RecordCommand.MaxNote, required: false));

    [WolverinePost("/api/reviews/{reviewId}/records/{recordId}/resolution"), Tags("Screening")]
    public static Task<IResult> Post(Guid reviewId, Guid recordId, ResolveConflict command, ClaimsPrincipal user,
        IDocumentSession session, HttpContext http, CancellationToken ct) =>
        RecordCommand.ExecuteAsync(session, http, reviewId, recordId, user,
            (review, record, by) => ScreeningRules.Resolve(review, record, command, by),
            record => new { recordId, stage = command.Stage, decision = command.Decision, status = record.Status }, ct);
}
