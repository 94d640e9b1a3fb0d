using System.Security.Claims;
using System.Text.Json.Serialization;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Records;
using EventReview.Reviews;
using EventReview.Rules;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace EventReview.Screening;

/// <summary>Whether the full text of a record included at title-abstract could be retrieved.</summary>
public sealed record RetrievalAnswer(Guid RecordId, bool Retrieved, [property: RecordStatusValue] string Status);

public sealed record ReportRetrieval([property: JsonRequired] bool Retrieved, string? Note);

public static class ReportRetrievalEndpoint
{
    public static ProblemDetails Validate(ReportRetrieval command) =>
        Problems.OptionalNote(command.Note);

    public static RuleOutcome Decide(Review review, RecordState record, ReportRetrieval command, Actor by)
    {
        if (!review.Has(by.Id, Role.Lead) && !review.Has(by.Id, Role.Screener))
            return Refusal.Forbidden("Only a lead or a screener records retrieval.");
        if (ScreeningRules.NotScreenable(record) is { } notScreenable) return notScreenable;
        if (record.TitleAbstract.Outcome != Decision.Include)
            return Refusal.Broken("not-sought-for-retrieval", "Only records included at title-abstract are sought for retrieval.");
        if (record.FullText.CurrentVotes.Count > 0)
            return Refusal.Broken("full-text-screening-started", "Full-text votes exist; the retrieval outcome can no longer change.");
        if (!command.Retrieved && string.IsNullOrWhiteSpace(command.Note))
            return Refusal.Invalid("A report that was not retrieved needs a 'note' saying why.");
        if (record.Retrieved is not null && string.IsNullOrWhiteSpace(command.Note))
            return Refusal.Invalid("Changing a recorded retrieval outcome needs a 'note'.");

        return RuleOutcome.Append(new FullTextRetrievalRecorded(review.Id, record.Id, command.Retrieved, command.Note, by));
    }

    [WolverinePost("/api/reviews/{reviewId}/records/{recordId}/retrieval", OperationId = "reportRetrieval", Summary = "Report whether a record's full text was retrieved."), Tags("Screening")]
    [ProducesResponseType<RetrievalAnswer>(200)]
    public static Task<IResult> Post(Guid reviewId, Guid recordId, ReportRetrieval command, ClaimsPrincipal user,
        IMessageBus bus, HttpContext http, CancellationToken ct) =>
        RecordCommand.ExecuteAsync(bus, http, reviewId, recordId, user,
            (review, record, by) => Decide(review, record, command, by),
            record => new RetrievalAnswer(recordId, command.Retrieved, record.Status), ct);
}
