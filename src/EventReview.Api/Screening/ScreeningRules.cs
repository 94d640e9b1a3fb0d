using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Records;
using EventReview.Reviews;
using Microsoft.AspNetCore.Mvc;

namespace EventReview.Screening;

/// <summary>The screening rules, as pure functions from (review, record, command, actor) to events or a refusal.</summary>
public static class ScreeningRules
{
    public static RuleOutcome CastVote(Review review, RecordState record, CastVote command, Actor by)
    {
        if (!review.Has(by.Id, Role.Screener)) return Problems.Forbidden("Only screeners vote.");
        if (NotScreenable(record) is { } notScreenable) return notScreenable;
        if (StageNotReached(record, command.Stage) is { } notReached) return notReached;

        var progress = record.Progress(command.Stage);
        if (progress.IsDecided)
            return Problems.Rule("stage-decided", $"The record is already decided at {command.Stage.Name()}; votes are closed.");
        if (CheckReason(review, command.Stage, command.Decision, command.ReasonCode) is { } badReason) return badReason;

        var previous = progress.CurrentVoteOf(by.Id);
        var required = review.Settings(command.Stage).ReviewersPerRecord;
        if (previous is not null && string.IsNullOrWhiteSpace(command.Note))
            return Problems.Invalid("A revised vote needs a 'note' saying why it changed.");
        if (previous is null && progress.CurrentVotes.Count >= required)
            return Problems.Rule("votes-complete", $"The record already has its {required} independent votes; a conflict goes to resolution.");

        var vote = new ScreeningVoteCast(review.Id, record.Id, command.Stage, command.Decision, command.ReasonCode, command.Note,
            IsRevision: previous is not null, by);
        var after = progress.With(new Vote(by.Id, by.Name, command.Decision, command.ReasonCode, command.Note, default));
        if (after.CurrentVotes.Count < required) return RuleOutcome.Append(vote);

        return Agreement(after.CurrentVotes, command.Stage) is { } agreed
            ? RuleOutcome.Append(vote, new ScreeningDecided(review.Id, record.Id, command.Stage, agreed.Decision, agreed.ReasonCode,
                DecisionBasis.Unanimous, null, by))
            : progress.InConflict
                ? RuleOutcome.Append(vote)
                : RuleOutcome.Append(vote, new ScreeningConflictRaised(review.Id, record.Id, command.Stage, by));
    }

    public static RuleOutcome Resolve(Review review, RecordState record, ResolveConflict command, Actor by)
    {
        if (!review.Has(by.Id, Role.Lead) && !review.Has(by.Id, Role.Resolver))
            return Problems.Forbidden("Only a lead or a resolver resolves conflicts.");
        if (NotScreenable(record) is { } notScreenable) return notScreenable;

        var progress = record.Progress(command.Stage);
        if (progress.IsDecided)
            return Problems.Rule("stage-decided", $"The record is already decided at {command.Stage.Name()}.");
        if (!progress.InConflict)
        {
            var required = review.Settings(command.Stage).ReviewersPerRecord;
            return progress.CurrentVotes.Count < required
                ? Problems.Rule("votes-incomplete", $"Resolution waits for the {required} independent votes.")
                : Problems.Rule("no-conflict", "The votes agree; there is nothing to resolve.");
        }
        if (command.Decision == Decision.Maybe) return Problems.Invalid("A resolution decides: include or exclude.");
        if (CheckReason(review, command.Stage, command.Decision, command.ReasonCode) is { } badReason) return badReason;
        if (string.IsNullOrWhiteSpace(command.Note)) return Problems.Invalid("A resolution needs a 'note'.");

        return RuleOutcome.Append(new ScreeningDecided(review.Id, record.Id, command.Stage, command.Decision, command.ReasonCode,
            DecisionBasis.Resolution, command.Note, by));
    }

    public static RuleOutcome RecordRetrieval(Review review, RecordState record, RecordRetrieval command, Actor by)
    {
        if (!review.Has(by.Id, Role.Lead) && !review.Has(by.Id, Role.Screener))
            return Problems.Forbidden("Only a lead or a screener records retrieval.");
        if (NotScreenable(record) is { } notScreenable) return notScreenable;
        if (record.TitleAbstract.Outcome != Decision.Include)
            return Problems.Rule("not-sought-for-retrieval", "Only records included at title-abstract are sought for retrieval.");
        if (record.FullText.CurrentVotes.Count > 0)
            return Problems.Rule("full-text-screening-started", "Full-text votes exist; the retrieval outcome can no longer change.");
        if (!command.Retrieved && string.IsNullOrWhiteSpace(command.Note))
            return Problems.Invalid("A report that was not retrieved needs a 'note' saying why.");
        if (record.Retrieved is not null && string.IsNullOrWhiteSpace(command.Note))
            return Problems.Invalid("Changing a recorded retrieval outcome needs a 'note'.");

        return RuleOutcome.Append(new FullTextRetrievalRecorded(review.Id, record.Id, command.Retrieved, command.Note, by));
    }

    /// <summary>The common decision when every vote agrees; at full text an exclusion must also agree on the reason.</summary>
    internal static (Decision Decision, string? ReasonCode)? Agreement(IReadOnlyList<Vote> votes, Stage stage)
    {
        var decisions = votes.Select(v => v.Decision).Distinct().ToList();
        if (decisions is not [var decision] || decision == Decision.Maybe) return null;
        if (decision != Decision.Exclude) return (decision, null);

        var reasons = votes.Select(v => v.ReasonCode).Distinct().ToList();
        if (reasons.Count == 1) return (decision, reasons[0]);
        return stage == Stage.FullText ? null : (decision, null);
    }

    internal static ProblemDetails? NotScreenable(RecordState record) =>
        record.DuplicateOf is not null ? Problems.Rule("record-is-duplicate", "The record is marked as a duplicate; it is not screened.")
        : record.Removal is not null ? Problems.Rule("record-removed", "The record was removed before screening.")
        : null;

    private static ProblemDetails? StageNotReached(RecordState record, Stage stage)
    {
        if (stage == Stage.TitleAbstract) return null;
        if (record.TitleAbstract.Outcome != Decision.Include)
            return Problems.Rule("stage-not-reached", "The record has not been included at title-abstract.");
        return record.Retrieved == true ? null
            : Problems.Rule("full-text-not-retrieved", "Full-text votes wait until the report is retrieved.");
    }

    private static ProblemDetails? CheckReason(Review review, Stage stage, Decision decision, string? reasonCode)
    {
        if (decision != Decision.Exclude)
            return reasonCode is null ? null : Problems.Invalid("Only an exclusion carries a 'reasonCode'.");
        if (reasonCode is null)
            return review.Settings(stage).ReasonRequiredOnExclude
                ? Problems.Invalid($"An exclusion at {stage.Name()} needs a 'reasonCode' from the review's catalogue.")
                : null;
        return review.Reason(stage, reasonCode) is null
            ? Problems.Invalid($"'{reasonCode}' is not an exclusion reason of this review at {stage.Name()}.")
            : null;
    }
}
