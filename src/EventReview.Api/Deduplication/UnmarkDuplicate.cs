using System.Security.Claims;
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

namespace EventReview.Deduplication;

public sealed record UnmarkDuplicate(string? Note);

/// <summary>Undoing a duplicate mark is another event; the record returns to screening.</summary>
public static class UnmarkDuplicateEndpoint
{
    public static ProblemDetails Validate(UnmarkDuplicate command) =>
        Problems.FirstOf(Problems.CheckText(command.Note, "note", RecordCommand.MaxNote));

    /// <summary>
    /// Removes the mark, and on the kept record the note that it keeps this one (a mark made before kept records were
    /// noted has none to remove).
    /// </summary>
    public static RuleOutcome Decide(Review review, RecordState record, RecordState? kept, UnmarkDuplicate command, Actor by)
    {
        if (!review.Has(by.Id, Role.Lead)) return Refusal.Forbidden("Only a lead unmarks duplicates.");
        if (record.DuplicateOf is not { } keptId) return Refusal.Broken("not-a-duplicate", "The record is not marked as a duplicate.");
        if (string.IsNullOrWhiteSpace(command.Note)) return Refusal.Invalid("Unmarking a duplicate needs a 'note'.");
        var removed = new DuplicateMarkRemoved(review.Id, record.Id, keptId, command.Note, by);
        return kept?.KeptFor?.Contains(record.Id) == true
            ? RuleOutcome.Append(removed, new DuplicateNoLongerKeptFor(review.Id, keptId, record.Id, by))
            : RuleOutcome.Append(removed);
    }

    [WolverineDelete("/api/reviews/{reviewId}/records/{recordId}/duplicate-of", OperationId = "unmarkDuplicate", Summary = "Remove a duplicate mark, with a note."), Tags("Deduplication")]
    [ProducesResponseType<RecordStatusAnswer>(200)]
    public static Task<IResult> Delete(Guid reviewId, Guid recordId, UnmarkDuplicate command, ClaimsPrincipal user,
        IMessageBus bus, HttpContext http, CancellationToken ct) =>
        RecordCommand.ExecuteAsync(bus, http, reviewId, recordId, user,
            record => [record.DuplicateOf],
            (review, record, others, by) => Decide(review, record, others.Of(record.DuplicateOf), command, by),
            record => new RecordStatusAnswer(recordId, record.Status), ct);
}
