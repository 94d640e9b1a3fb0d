using System.Security.Claims;
using System.Text.Json.Serialization;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Records;
using EventReview.Reviews;
using EventReview.Rules;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace EventReview.Screening;

public sealed record ReopenStage([property: JsonRequired] Stage Stage, string Reason);

public sealed record StageReopenedAnswer(Guid RecordId, [property: RecordStatusValue] string Status);

public static class ReopenStageEndpoint
{
    public static ProblemDetails Validate(ReopenStage command) =>
        Problems.FirstOf(Problems.CheckText(command.Reason, "reason", 2000, required: true));

    /// <summary>
    /// A lead sets a decided stage aside with a reason: nothing is removed, the record needs a fresh round of votes (or a
    /// resolution), and a full-text stage that rested on a reopened title-abstract decision is reopened with it.
    /// </summary>
    public static RuleOutcome Decide(Review review, RecordState record, ReopenStage command, Actor by)
    {
        if (!review.Has(by.Id, Role.Lead)) return Refusal.Forbidden("Only a lead reopens a decision.");
        if (ScreeningRules.NotScreenable(record) is { } notScreenable) return notScreenable;
        if (!record.Progress(command.Stage).IsDecided)
            return Refusal.Broken("stage-not-decided", $"The record is not decided at {command.Stage.Name()}; there is nothing to reopen.");

        var reason = command.Reason.Trim();
        var reopened = new StageReopened(review.Id, record.Id, command.Stage, reason, null, by);
        var fullText = record.FullText;
        var laterStageStarted = fullText.IsDecided || fullText.CurrentVotes.Count > 0 || fullText.InConflict;
        return command.Stage == Stage.TitleAbstract && laterStageStarted
            ? RuleOutcome.Append(reopened, new StageReopened(review.Id, record.Id, Stage.FullText, reason, Stage.TitleAbstract, by))
            : RuleOutcome.Append(reopened);
    }

    [WolverinePost("/api/reviews/{reviewId}/records/{recordId}/reopen", OperationId = "reopenStage", Summary = "Reopen a decided stage of a record for a fresh round, with the reason."), Tags("Screening")]
    [ProducesResponseType<StageReopenedAnswer>(200)]
    public static Task<IResult> Post(Guid reviewId, Guid recordId, ReopenStage command, ClaimsPrincipal user, IMessageBus bus,
        HttpContext http, CancellationToken ct) =>
        RecordCommand.ExecuteAsync(bus, http, reviewId, recordId, user,
            (review, record, by) => Decide(review, record, command, by),
            record => new StageReopenedAnswer(recordId, record.Status), ct);
}
