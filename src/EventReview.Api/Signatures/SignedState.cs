using EventReview.Hosting;
using EventReview.Audit;
using EventReview.Records;
using EventReview.Reviews;
using EventReview.Screening;

namespace EventReview.Signatures;

/// <summary>
/// What a signature covers: the records decided at its stage (or included), with their decisions; or, for an audit
/// signature, every event of the review's log before it, each by its stream and version with its chain hash, so the
/// signature names exactly the log the auditor read and fails if an event is added, removed or changed before it.
/// </summary>
public static class SignedState
{
    public static IReadOnlyList<(string RecordId, string Decision)> Entries(IEnumerable<RecordState> records, SignatureScope scope) =>
        scope switch
        {
            SignatureScope.AuditTrail => throw new ArgumentException("The audit trail's entries are its events, not records.", nameof(scope)),
            SignatureScope.IncludedSet => records.Where(r => r.Status == RecordStatus.Included)
                .Select(r => (r.Id.ToString("D"), "include")).ToList(),
            _ => records.Select(r => (r.Id, Progress: r.Progress(scope == SignatureScope.TitleAbstract ? Stage.TitleAbstract : Stage.FullText)))
                .Where(x => x.Progress.Outcome is not null)
                .Select(x => (x.Id.ToString("D"), Describe(x.Progress))).ToList(),
        };

    public static string Hash(Guid reviewId, SignatureScope scope, IEnumerable<RecordState> records) =>
        StateHash.Of(reviewId.ToString("D"), ScopeName(scope), Entries(records, scope));

    /// <param name="log">Each event as "streamId:version" with its chain hash.</param>
    public static string LogHash(Guid reviewId, IEnumerable<(string Event, string Hash)> log) =>
        StateHash.Of(reviewId.ToString("D"), ScopeName(SignatureScope.AuditTrail), log);

    public static string ScopeName(SignatureScope scope) => EventReviewJson.Name(scope);

    private static string Describe(StageProgress progress) =>
        EventReviewJson.Name(progress.Outcome!.Value) + (progress.OutcomeReason is { } reason ? ":" + reason : "");
}
