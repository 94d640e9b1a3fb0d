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

public sealed record VoteCastAnswer(Guid RecordId, Stage Stage, Decision Decision);

public sealed record CastVote([property: JsonRequired] Stage Stage, [property: JsonRequired] Decision Decision, string? ReasonCode, string? Note);

public static class CastVoteEndpoint
{
    public static ProblemDetails Validate(CastVote command) =>
        Problems.OptionalNote(command.Note);

    /// <summary>
    /// A screener's vote. The last of the required votes decides the record when all agree, and raises a conflict
    /// when they do not; a second vote by the same screener revises theirs and needs a note. Once a conflict is raised
    /// only a resolution (or a reopening) decides: a revision is recorded for the resolver to see, never a way round them.
    /// </summary>
    public static RuleOutcome Decide(Review review, RecordState record, CastVote command, Actor by)
    {
        if (!review.Has(by.Id, Role.Screener)) return Refusal.Forbidden("Only screeners vote.");
        if (ScreeningRules.NotScreenable(record) is { } notScreenable) return notScreenable;
        if (ScreeningRules.StageNotReached(record, command.Stage) is { } notReached) return notReached;

        var progress = record.Progress(command.Stage);
        if (progress.IsDecided)
            return Refusal.Broken("stage-decided", $"The record is already decided at {command.Stage.Name()}; votes are closed.");
        if (ScreeningRules.CheckReason(review, command.Stage, command.Decision, command.ReasonCode) is { } badReason) return badReason;

        var previous = progress.CurrentVoteOf(by.Id);
        var required = review.Settings(command.Stage).ReviewersPerRecord;
        if (previous is not null && string.IsNullOrWhiteSpace(command.Note))
            return Refusal.Invalid("A revised vote needs a 'note' saying why it changed.");
        if (previous is null && progress.CurrentVotes.Count >= required)
            return Refusal.Broken("votes-complete", $"The record already has its {required} independent votes; a conflict goes to resolution.");

        var vote = new ScreeningVoteCast(review.Id, record.Id, command.Stage, command.Decision, command.ReasonCode, command.Note,
            IsRevision: previous is not null, by);
        var after = progress.With(new Vote(by.Id, by.Name, command.Decision, command.ReasonCode, command.Note, default));
        if (after.CurrentVotes.Count < required || progress.InConflict) return RuleOutcome.Append(vote);

        return ScreeningRules.Agreement(after.CurrentVotes, command.Stage) is { } agreed
            ? RuleOutcome.Append(vote, new ScreeningDecided(review.Id, record.Id, command.Stage, agreed.Decision, agreed.ReasonCode,
                DecisionBasis.Unanimous, null, by))
            : RuleOutcome.Append(vote, new ScreeningConflictRaised(review.Id, record.Id, command.Stage, by));
    }

    [WolverinePost("/api/reviews/{reviewId}/records/{recordId}/votes", OperationId = "castVote", Summary = "Cast or revise a screening vote on a record."), Tags("Screening")]
    [ProducesResponseType<VoteCastAnswer>(200)]
    public static Task<IResult> Post(Guid reviewId, Guid recordId, CastVote command, ClaimsPrincipal user, IMessageBus bus,
        HttpContext http, CancellationToken ct) =>
        RecordCommand.ExecuteAsync(bus, http, reviewId, recordId, user,
            (review, record, by) => Decide(review, record, command, by),
            record => new VoteCastAnswer(recordId, command.Stage, command.Decision), ct);
}
