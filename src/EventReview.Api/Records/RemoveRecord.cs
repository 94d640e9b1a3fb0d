using System.Security.Claims;
using System.Text.Json.Serialization;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Reviews;
using EventReview.Rules;
using EventReview.Screening;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace EventReview.Records;

/// <summary>A record's status after a command that changes only that.</summary>
public sealed record RecordStatusAnswer(Guid RecordId, [property: RecordStatusValue] string Status);

public sealed record RemoveRecord([property: JsonRequired] RemovalReason Reason, string Detail);

/// <summary>Removal before screening: marked ineligible by an automation tool (named in the detail), or for another reason.</summary>
public static class RemoveRecordEndpoint
{
    public static ProblemDetails Validate(RemoveRecord command) => Problems.FirstOf(Problems.CheckText(command.Detail, "detail", 2_000));

    public static RuleOutcome Decide(Review review, RecordState record, RemoveRecord command, Actor by)
    {
        if (!review.Has(by.Id, Role.Lead)) return Refusal.Forbidden("Only a lead removes records.");
        if (ScreeningRules.NotScreenable(record) is { } problem) return problem;
        if (Deduplication.MarkDuplicateEndpoint.ScreeningStarted(record))
            return Refusal.Broken("screening-started", "Removal happens before screening; this record has votes.");
        return RuleOutcome.Append(new RecordRemoved(review.Id, record.Id, command.Reason, command.Detail.Trim(), by));
    }

    [WolverinePost("/api/reviews/{reviewId}/records/{recordId}/removal", OperationId = "removeRecord", Summary = "Remove a record from the review, with the reason."), Tags("Records")]
    [ProducesResponseType<RecordStatusAnswer>(200)]
    public static Task<IResult> Post(Guid reviewId, Guid recordId, RemoveRecord command, ClaimsPrincipal user,
        IMessageBus bus, HttpContext http, CancellationToken ct) =>
        RecordCommand.ExecuteAsync(bus, http, reviewId, recordId, user,
            (review, record, by) => Decide(review, record, command, by),
            record => new RecordStatusAnswer(recordId, record.Status), ct);
}
