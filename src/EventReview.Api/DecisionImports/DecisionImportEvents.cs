using EventReview.Identity;
using EventReview.Reviews;

namespace EventReview.DecisionImports;

/// <summary>
/// Written with the review itself, in its first transaction: the review is a decision import of this file (its SHA-256),
/// and until <see cref="DecisionImportCompleted"/> follows, the records and votes may be only partly stored.
/// </summary>
public sealed record DecisionImportStarted(Guid ReviewId, DecisionFormat Format, string FileSha256, string FileName, Actor By) : IReviewEvent;

/// <summary>
/// Written last, after every record and every replayed decision is stored: the import is whole. What it holds is what
/// the import made, so a repeated upload can say so without reading the file again.
/// </summary>
public sealed record DecisionImportCompleted(Guid ReviewId, int Records, int Members, int Votes, int Discrepancies, Actor By) : IReviewEvent;

/// <summary>
/// On the review document: where its records and decisions came from and whether the import finished. An incomplete
/// import says what to do: the same caller posting the same file again stores what is missing and completes it.
/// </summary>
public sealed record DecisionImportStatus(DecisionFormat Format, string FileSha256, bool Complete, string? Incomplete)
{
    public const string ResumeHint = "The import stopped before all its records and decisions were stored; post the same file again to finish it.";

    public static DecisionImportStatus Started(DecisionImportStarted e) => new(e.Format, e.FileSha256, false, ResumeHint);

    public DecisionImportStatus Completed() => this with { Complete = true, Incomplete = null };
}
