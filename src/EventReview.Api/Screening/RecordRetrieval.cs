using System.Security.Claims;
using System.Text.Json.Serialization;
using EventReview.Hosting;
using EventReview.Records;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Screening;

public sealed record RecordRetrieval([property: JsonRequired] bool Retrieved, string? Note);

public static class RecordRetrievalEndpoint
{
    public static ProblemDetails Validate(RecordRetrieval command) =>
        Problems.FirstOf(Problems.CheckText(command.Note, "note", RecordCommand.MaxNote, required: false));

    [WolverinePost("/api/reviews/{reviewId}/records/{recordId}/retrieval"), Tags("Screening")]
    public static Task<IResult> Post(Guid reviewId, Guid recordId, RecordRetrieval command, ClaimsPrincipal user,
        IDocumentSession session, HttpContext http, CancellationToken ct) =>
        RecordCommand.ExecuteAsync(session, http, reviewId, recordId, user,
            (review, record, by) => ScreeningRules.RecordRetrieval(review, record, command, by),
            record => new { recordId, retrieved = command.Retrieved, status = record.Status }, ct);
}
