using EventReview.Records;
using EventReview.Reviews;

namespace EventReview.Screening;

/// <summary>
/// While a stage is blinded and a record undecided at it, a screener sees only their own vote there. Leads,
/// auditors and resolvers see everything; so does everyone once the record is decided at that stage.
/// </summary>
public static class Blinding
{
    public static bool SeesEverything(Review review, string viewerId) =>
        review.Has(viewerId, Role.Lead) || review.Has(viewerId, Role.Auditor) || review.Has(viewerId, Role.Resolver);

    public static bool MaySee(Review review, string viewerId, RecordState record, Stage stage, string? authorId)
    {
        if (authorId == viewerId || SeesEverything(review, viewerId)) return true;
        return !review.Settings(stage).Blinded || record.Progress(stage).IsDecided;
    }

    /// <summary>The stage as this viewer may see it: other reviewers' votes and any conflict hidden while blinded.</summary>
    public static StageProgress View(Review review, string viewerId, RecordState record, Stage stage)
    {
        var progress = record.Progress(stage);
        if (MaySee(review, viewerId, record, stage, authorId: null)) return progress;
        return progress with
        {
            FirstVotes = progress.FirstVotes.Where(v => v.ReviewerId == viewerId).ToList(),
            CurrentVotes = progress.CurrentVotes.Where(v => v.ReviewerId == viewerId).ToList(),
            RoundFirstVotes = progress.RoundFirstVotes?.Where(v => v.ReviewerId == viewerId).ToList(),
            InConflict = false,
        };
    }

    /// <summary>The status word as this viewer may see it: a hidden conflict reads as still awaiting votes.</summary>
    public static string Status(Review review, string viewerId, RecordState record)
    {
        var status = record.Status;
        if (status == RecordStatus.TitleAbstractConflict && !MaySee(review, viewerId, record, Stage.TitleAbstract, null))
            return RecordStatus.AwaitingTitleAbstract;
        if (status == RecordStatus.FullTextConflict && !MaySee(review, viewerId, record, Stage.FullText, null))
            return RecordStatus.AwaitingFullText;
        return status;
    }
}
