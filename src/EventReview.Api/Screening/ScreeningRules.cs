using EventReview.Records;
using EventReview.Reviews;
using EventReview.Rules;

namespace EventReview.Screening;

/// <summary>The checks that several screening decisions share (each command's own decision lives in its file).</summary>
public static class ScreeningRules
{
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

    internal static Refusal? NotScreenable(RecordState record) =>
        record.DuplicateOf is not null ? Refusal.Broken("record-is-duplicate", "The record is marked as a duplicate; it is not screened.")
        : record.Removal is not null ? Refusal.Broken("record-removed", "The record was removed before screening.")
        : null;

    internal static Refusal? StageNotReached(RecordState record, Stage stage)
    {
        if (stage == Stage.TitleAbstract) return null;
        if (record.TitleAbstract.Outcome != Decision.Include)
            return Refusal.Broken("stage-not-reached", "The record has not been included at title-abstract.");
        return record.Retrieved == true ? null
            : Refusal.Broken("full-text-not-retrieved", "Full-text votes wait until the report is retrieved.");
    }

    internal static Refusal? CheckReason(Review review, Stage stage, Decision decision, string? reasonCode)
    {
        if (decision != Decision.Exclude)
            return reasonCode is null ? null : Refusal.Invalid("Only an exclusion carries a 'reasonCode'.");
        if (reasonCode is null)
            return review.Settings(stage).ReasonRequiredOnExclude
                ? Refusal.Invalid($"An exclusion at {stage.Name()} needs a 'reasonCode' from the review's catalogue.")
                : null;
        return review.Reason(stage, reasonCode) is null
            ? Refusal.Invalid($"'{reasonCode}' is not an exclusion reason of this review at {stage.Name()}.")
            : null;
    }
}
