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

public sealed record CastVote([property: JsonRequired] Stage Stage, [property: JsonRequired] Decision Decision, string? ReasonCode, string? Note);

public static class CastVoteEndpoint
{
    public static ProblemDetails Validate(CastVote command) =>
        Problems.FirstOf(Problems.CheckText(command.Note, "note", RecordCommand.MaxNote, required: false));

    [WolverinePost("/api/reviews/{reviewId}/records/{recordId}/votes"), Tags("Screening")]
    public static Task<IResult> Post(Guid reviewId, Guid recordId, CastVote command, ClaimsPrincipal user, IDocumentSession session,
        HttpContext http, CancellationToken ct) =>
        RecordCommand.ExecuteAsync(session, http, reviewId, recordId, user,
            (review, record, by) => ScreeningRules.CastVote(review, record, command, by),
            record => new { recordId, stage = command.Stage, decision = command.Decision }, ct);
}
