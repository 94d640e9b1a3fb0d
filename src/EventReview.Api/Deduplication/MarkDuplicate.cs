using System.Security.Claims;
using System.Text.Json.Serialization;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Records;
using EventReview.Reviews;
using EventReview.Rules;
using EventReview.Screening;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace EventReview.Deduplication;

public sealed record DuplicateMarkAnswer(Guid RecordId, Guid? DuplicateOf, [property: RecordStatusValue] string Status);

public sealed record MarkDuplicate([property: JsonRequired] Guid RecordId, string? Note);

/// <summary>Manual duplicate marks: a duplicate is a state of the record, and undoing it is another event.</summary>
public static class MarkDuplicateEndpoint
{
    public static ProblemDetails Validate(MarkDuplicate command) =>
        Problems.OptionalNote(command.Note);

    /// <summary>
    /// Marks <paramref name="record"/> as a duplicate of <paramref name="kept"/>, which must itself be kept, never a
    /// duplicate; and a record that others are marked duplicates of is kept, so it is not marked itself. Duplicates
    /// therefore never chain or loop: each points at a record that stays in screening. The mark is also recorded on the
    /// kept record, whose stream thereby takes part in the command's concurrency check.
    /// </summary>
    public static RuleOutcome Decide(Review review, RecordState record, RecordState? kept, MarkDuplicate command, Actor by)
    {
        if (!review.Has(by.Id, Role.Lead)) return Refusal.Forbidden("Only a lead marks duplicates.");
        if (kept is null || kept.ReviewId != review.Id) return Refusal.NotFound("The record to keep is not in this review.");
        if (kept.Id == record.Id) return Refusal.Invalid("A record cannot duplicate itself.");
        if (kept.DuplicateOf is not null)
            return Refusal.Broken("kept-record-is-duplicate", $"That record is itself a duplicate of {kept.DuplicateOf}; mark against the kept one.");
        if (record.DuplicateOf is not null) return Refusal.Broken("already-duplicate", "The record is already marked as a duplicate.");
        if (record.KeptFor is { Count: > 0 } keptFor)
            return Refusal.Broken("record-keeps-duplicates",
                $"{keptFor.Count} other record(s) are marked as duplicates of this one, so it is the record kept; unmark them first, "
                + "or mark the other record as a duplicate of this one instead.");
        if (ScreeningStarted(record)) return Refusal.Broken("screening-started", "Duplicates are removed before screening; this record has votes.");
        return RuleOutcome.Append(
            new RecordMarkedDuplicate(review.Id, record.Id, kept.Id, DuplicateMethod.Manual,
                new Dictionary<string, string> { ["marked"] = "manually" }, null, command.Note, by),
            new DuplicateKeptFor(review.Id, kept.Id, record.Id, by));
    }

    internal static bool ScreeningStarted(RecordState record) => record.TitleAbstract.CurrentVotes.Count > 0;

    [WolverinePost("/api/reviews/{reviewId}/records/{recordId}/duplicate-of", OperationId = "markDuplicate", Summary = "Mark a record as a duplicate of another."), Tags("Deduplication")]
    [ProducesResponseType<DuplicateMarkAnswer>(200)]
    public static Task<IResult> Post(Guid reviewId, Guid recordId, MarkDuplicate command, ClaimsPrincipal user,
        IMessageBus bus, HttpContext http, CancellationToken ct) =>
        RecordCommand.ExecuteAsync(bus, http, reviewId, recordId, user,
            _ => [command.RecordId],
            (review, record, others, by) => Decide(review, record, others.Of(command.RecordId), command, by),
            record => new DuplicateMarkAnswer(recordId, record.DuplicateOf, record.Status), ct);
}
