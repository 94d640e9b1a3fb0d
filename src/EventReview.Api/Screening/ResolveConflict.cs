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

public sealed record ResolutionAnswer(Guid RecordId, Stage Stage, Decision Decision, [property: RecordStatusValue] string Status);

public sealed record ResolveConflict([property: JsonRequired] Stage Stage, [property: JsonRequired] Decision Decision, string? ReasonCode, string? Note);

public static class ResolveConflictEndpoint
{
    public static ProblemDetails Validate(ResolveConflict command) =>
        Problems.OptionalNote(command.Note);

    /// <summary>
    /// A lead or resolver decides a record whose independent votes disagree, and says why. A lead may correct a
    /// resolution (a new decision marked as a correction, its note saying why); a unanimous decision is reopened instead.
    /// </summary>
    public static RuleOutcome Decide(Review review, RecordState record, ResolveConflict command, Actor by)
    {
        if (!review.Has(by.Id, Role.Lead) && !review.Has(by.Id, Role.Resolver))
            return Refusal.Forbidden("Only a lead or a resolver resolves conflicts.");
        if (ScreeningRules.NotScreenable(record) is { } notScreenable) return notScreenable;

        var progress = record.Progress(command.Stage);
        var correction = progress.IsDecided;
        if (correction && progress.Basis != DecisionBasis.Resolution)
            return Refusal.Broken("stage-decided", $"The record is already decided at {command.Stage.Name()}; a lead reopens it to change that.");
        if (correction && !review.Has(by.Id, Role.Lead))
            return Refusal.Forbidden("Only a lead corrects a resolution.");
        if (!correction && !progress.InConflict)
        {
            var required = review.Settings(command.Stage).ReviewersPerRecord;
            return progress.CurrentVotes.Count < required
                ? Refusal.Broken("votes-incomplete", $"Resolution waits for the {required} independent votes.")
                : Refusal.Broken("no-conflict", "The votes agree; there is nothing to resolve.");
        }
        if (command.Decision == Decision.Maybe) return Refusal.Invalid("A resolution decides: include or exclude.");
        if (ScreeningRules.CheckReason(review, command.Stage, command.Decision, command.ReasonCode) is { } badReason) return badReason;
        if (string.IsNullOrWhiteSpace(command.Note))
            return Refusal.Invalid(correction ? "A corrected resolution needs a 'note' saying why it changed." : "A resolution needs a 'note'.");
        if (correction && progress.Outcome == command.Decision && progress.OutcomeReason == command.ReasonCode)
            return Refusal.Broken("same-decision", "The record is already decided so; a correction must change the decision or its reason.");

        return RuleOutcome.Append(new ScreeningDecided(review.Id, record.Id, command.Stage, command.Decision, command.ReasonCode,
            DecisionBasis.Resolution, command.Note, by, IsCorrection: correction));
    }

    [WolverinePost("/api/reviews/{reviewId}/records/{recordId}/resolution", OperationId = "resolveConflict", Summary = "Resolve a screening conflict, or correct a resolution."), Tags("Screening")]
    [ProducesResponseType<ResolutionAnswer>(200)]
    public static Task<IResult> Post(Guid reviewId, Guid recordId, ResolveConflict command, ClaimsPrincipal user,
        IMessageBus bus, HttpContext http, CancellationToken ct) =>
        RecordCommand.ExecuteAsync(bus, http, reviewId, recordId, user,
            (review, record, by) => Decide(review, record, command, by),
            record => new ResolutionAnswer(recordId, command.Stage, command.Decision, record.Status), ct);
}
