using System.Security.Claims;
using System.Text.Json.Serialization;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Records;
using EventReview.Reviews;
using EventReview.Rules;
using EventReview.Screening;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace EventReview.Deduplication;

public sealed record MarkDuplicate([property: JsonRequired] Guid RecordId, string? Note);

/// <summary>Manual duplicate marks: a duplicate is a state of the record, and undoing it is another event.</summary>
public static class MarkDuplicateEndpoint
{
    public static ProblemDetails Validate(MarkDuplicate command) =>
        Problems.OptionalNote(command.Note);

    /// <summary>Marks <paramref name="record"/> as a duplicate of <paramref name="kept"/>, which must itself be kept, never a duplicate.</summary>
    public static RuleOutcome Decide(Review review, RecordState record, RecordState? kept, MarkDuplicate command, Actor by)
    {
        if (!review.Has(by.Id, Role.Lead)) return Refusal.Forbidden("Only a lead marks duplicates.");
        if (kept is null || kept.ReviewId != review.Id) return Refusal.NotFound("The record to keep is not in this review.");
        if (kept.Id == record.Id) return Refusal.Invalid("A record cannot duplicate itself.");
        if (kept.DuplicateOf is not null)
            return Refusal.Broken("kept-record-is-duplicate", $"That record is itself a duplicate of {kept.DuplicateOf}; mark against the kept one.");
        if (record.DuplicateOf is not null) return Refusal.Broken("already-duplicate", "The record is already marked as a duplicate.");
        if (ScreeningStarted(record)) return Refusal.Broken("screening-started", "Duplicates are removed before screening; this record has votes.");
        return RuleOutcome.Append(new RecordMarkedDuplicate(review.Id, record.Id, kept.Id, DuplicateMethod.Manual,
            new Dictionary<string, string> { ["marked"] = "manually" }, null, command.Note, by));
    }

    internal static bool ScreeningStarted(RecordState record) => record.TitleAbstract.CurrentVotes.Count > 0;

    [WolverinePost("/api/reviews/{reviewId}/records/{recordId}/duplicate-of"), Tags("Deduplication")]
    public static Task<IResult> Post(Guid reviewId, Guid recordId, MarkDuplicate command, ClaimsPrincipal user,
        IMessageBus bus, HttpContext http, CancellationToken ct) =>
        RecordCommand.ExecuteAsync(bus, http, reviewId, recordId, user,
            batch => batch.Load<RecordState>(command.RecordId),
            (review, record, kept, by) => Decide(review, record, kept, command, by),
            decided => new { recordId, duplicateOf = decided.Record.DuplicateOf, status = decided.Record.Status }, ct);
}
