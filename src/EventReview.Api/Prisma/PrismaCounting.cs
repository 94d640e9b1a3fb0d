using EventReview.Hosting;
using EventReview.Records;
using EventReview.Reviews;
using EventReview.Searches;

namespace EventReview.Prisma;

/// <summary>
/// Derives every PRISMA 2020 box from the record tallies and the review's searches. Records from databases and
/// registers flow through the main arm; records from websites, organisations and citation searching form the
/// "other methods" arm, which PRISMA starts at retrieval.
/// </summary>
public static class PrismaCounting
{
    /// <param name="includedStudies">Counted without the records of withdrawn searches, like the tallies.</param>
    public static PrismaFlow Flow(Review review, IReadOnlyList<RecordTally> tallies, int includedStudies)
    {
        // A withdrawn search and its records leave the flow; its events stay in the log and the trail.
        var searches = review.CountedSearches().ToDictionary(s => s.Id);
        var withdrawn = review.WithdrawnSearchIds();
        tallies = [.. tallies.Where(t => !withdrawn.Contains(t.SearchId))];
        bool IsOther(RecordTally t) => searches.TryGetValue(t.SearchId, out var s) && s.Kind == SearchKind.Other;
        var main = tallies.Where(t => !IsOther(t)).ToList();
        var other = tallies.Where(IsOther).ToList();

        int Count(IEnumerable<RecordTally> ts, params string[] statuses) => ts.Where(t => statuses.Contains(t.Status)).Sum(t => t.Records);
        int Removed(RemovalReason reason) =>
            main.Where(t => t.Status == RecordStatus.Removed && string.Equals(t.Detail, reason.ToString(), StringComparison.OrdinalIgnoreCase)).Sum(t => t.Records);

        var duplicates = Count(main, RecordStatus.Duplicate);
        var screened = main.Sum(t => t.Records) - duplicates - Count(main, RecordStatus.Removed);
        var included = tallies.Where(t => t.Status == RecordStatus.Included).ToList();
        var otherKinds = searches.Values.Where(s => s.Kind == SearchKind.Other).Select(s => s.OtherMethod).ToHashSet();

        return new PrismaFlow
        {
            DatabaseResults = SourceTotal(review, tallies, SearchKind.Database),
            RegisterResults = SourceTotal(review, tallies, SearchKind.Register),
            WebsiteResults = otherKinds.Contains(OtherMethod.Website) ? OtherTotal(review, tallies, OtherMethod.Website) : null,
            OrganisationResults = otherKinds.Contains(OtherMethod.Organisation) ? OtherTotal(review, tallies, OtherMethod.Organisation) : null,
            CitationsResults = otherKinds.Contains(OtherMethod.Citation) ? OtherTotal(review, tallies, OtherMethod.Citation) : null,
            Duplicates = duplicates,
            ExcludedAutomatic = Removed(RemovalReason.Automation),
            ExcludedOther = Removed(RemovalReason.Other),
            RecordsScreened = screened,
            RecordsExcluded = Count(main, RecordStatus.ExcludedTitleAbstract),
            RecordsExcludedAutomation = 0,
            RecordsAwaitingScreening = Count(main, RecordStatus.AwaitingTitleAbstract, RecordStatus.TitleAbstractConflict),
            DbrSoughtReports = Count(main, Sought),
            DbrNotRetrievedReports = Count(main, RecordStatus.NotRetrieved),
            DbrAwaitingRetrieval = Count(main, RecordStatus.AwaitingRetrieval),
            DbrAssessed = Count(main, Assessed),
            DbrAwaitingAssessment = Count(main, RecordStatus.AwaitingFullText, RecordStatus.FullTextConflict),
            DbrExcluded = Reasons(review, main),
            OtherSoughtReports = otherKinds.Count > 0 ? Count(other, Sought) : null,
            OtherNotRetrievedReports = otherKinds.Count > 0 ? Count(other, RecordStatus.NotRetrieved) : null,
            OtherAwaitingRetrieval = otherKinds.Count > 0 ? Count(other, RecordStatus.AwaitingRetrieval) : null,
            OtherAssessed = otherKinds.Count > 0 ? Count(other, Assessed) : null,
            OtherAwaitingAssessment = otherKinds.Count > 0 ? Count(other, RecordStatus.AwaitingFullText, RecordStatus.FullTextConflict) : null,
            OtherExcluded = otherKinds.Count > 0 ? Reasons(review, other) : null,
            NewStudies = includedStudies,
            NewReports = included.Sum(t => t.Records),
            Sources = review.CountedSearches().Select(s => new SourceCount(s.Source, KindOf(s),
                tallies.Where(t => t.SearchId == s.Id).Sum(t => t.Records), s.ReportedCount)).ToList(),
        };
    }

    private static readonly string[] Assessed =
        [RecordStatus.AwaitingFullText, RecordStatus.FullTextConflict, RecordStatus.ExcludedFullText, RecordStatus.Included];

    private static readonly string[] Sought = [RecordStatus.AwaitingRetrieval, RecordStatus.NotRetrieved, .. Assessed];

    /// <summary>Full-text exclusions by the label of their reason, as PRISMA prints them.</summary>
    private static Dictionary<string, int> Reasons(Review review, IEnumerable<RecordTally> tallies) =>
        tallies.Where(t => t.Status == RecordStatus.ExcludedFullText)
            .GroupBy(t => review.Reason(Stage.FullText, t.Detail ?? "")?.Label ?? t.Detail ?? "No reason recorded")
            // The review's catalogue order, so the flow reads the same from live documents, a fold or a replay.
            .OrderBy(g => CatalogueIndex(review, g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(t => t.Records));

    private static int CatalogueIndex(Review review, string label)
    {
        var index = review.ExclusionReasons.Where(r => r.Stage == Stage.FullText).Select(r => r.Label).ToList().IndexOf(label);
        return index < 0 ? int.MaxValue : index;
    }

    private static int? SourceTotal(Review review, IReadOnlyList<RecordTally> tallies, SearchKind kind)
    {
        var ids = review.CountedSearches().Where(s => s.Kind == kind).Select(s => s.Id).ToHashSet();
        return ids.Count == 0 && kind == SearchKind.Register ? null : tallies.Where(t => ids.Contains(t.SearchId)).Sum(t => t.Records);
    }

    private static int OtherTotal(Review review, IReadOnlyList<RecordTally> tallies, OtherMethod method)
    {
        var ids = review.CountedSearches().Where(s => s.Kind == SearchKind.Other && s.OtherMethod == method).Select(s => s.Id).ToHashSet();
        return tallies.Where(t => ids.Contains(t.SearchId)).Sum(t => t.Records);
    }

    private static SourceKind KindOf(Search search) => search.Kind switch
    {
        SearchKind.Database => SourceKind.Database,
        SearchKind.Register => SourceKind.Register,
        _ => search.OtherMethod switch
        {
            OtherMethod.Website => SourceKind.Website,
            OtherMethod.Organisation => SourceKind.Organisation,
            _ => SourceKind.Citation,
        },
    };

    /// <summary>The tallies of a set of record states, for flows computed from folded events rather than stored documents.</summary>
    public static PrismaFlow Flow(Review review, IReadOnlyCollection<RecordState> records)
    {
        var withdrawn = review.WithdrawnSearchIds();
        var counted = records.Where(r => !withdrawn.Contains(r.SearchId)).ToList();
        return Flow(
            review,
            counted.GroupBy(r => (r.SearchId, r.Status, Detail: DetailOf(r))).Select(g => new RecordTally(g.Key.SearchId, g.Key.Status, g.Key.Detail, g.Count())).ToList(),
            counted.Where(r => r.Status == RecordStatus.Included).Select(r => r.StudyId ?? r.Id).Distinct().Count());
    }

    public static string? DetailOf(RecordState r) => r.Status switch
    {
        RecordStatus.Removed => (r.Removal is { } removal ? EventReviewJson.Name(removal) : null),
        RecordStatus.ExcludedFullText => r.FullText.OutcomeReason,
        _ => null,
    };
}
