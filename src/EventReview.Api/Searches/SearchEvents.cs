using EventReview.Identity;
using EventReview.Reviews;

namespace EventReview.Searches;

public enum SearchKind { Database, Register, Other }

public enum OtherMethod { Website, Organisation, Citation }

/// <summary>
/// A search as run (PRISMA-S): where (the database and the platform or interface it was searched through), what query,
/// when, the dates the search covered, with which limits and filters, how the strategy was peer reviewed (PRESS) and
/// the count the source reported. The fields after <paramref name="By"/> came later; stored searches read them as null.
/// </summary>
public sealed record SearchRecorded(
    Guid ReviewId,
    Guid SearchId,
    string Source,
    SearchKind Kind,
    OtherMethod? OtherMethod,
    string Query,
    DateOnly SearchedOn,
    string? Filters,
    int? ReportedCount,
    Actor By,
    string? Platform = null,
    DateOnly? CoveredFrom = null,
    DateOnly? CoveredTo = null,
    string? PeerReview = null) : IReviewEvent;

/// <summary>The fields a correction changes; null leaves a field as it was, an empty text clears it.</summary>
public sealed record SearchChanges(
    string? Source = null,
    SearchKind? Kind = null,
    OtherMethod? OtherMethod = null,
    string? Query = null,
    DateOnly? SearchedOn = null,
    string? Filters = null,
    int? ReportedCount = null,
    string? Platform = null,
    DateOnly? CoveredFrom = null,
    DateOnly? CoveredTo = null,
    string? PeerReview = null);

/// <summary>A recorded search put right: what changed and why. The search as first recorded stays in the log.</summary>
public sealed record SearchCorrected(Guid ReviewId, Guid SearchId, SearchChanges Changes, string Reason, Actor By) : IReviewEvent;

/// <summary>A whole search set aside: its records leave the flow (PRISMA, queues, record lists) and stay in the trail.</summary>
public sealed record SearchWithdrawn(Guid ReviewId, Guid SearchId, string Reason, Actor By) : IReviewEvent;
