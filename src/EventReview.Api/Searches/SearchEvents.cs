using EventReview.Identity;
using EventReview.Reviews;

namespace EventReview.Searches;

public enum SearchKind { Database, Register, Other }

public enum OtherMethod { Website, Organisation, Citation }

/// <summary>A search as run (PRISMA-S): where, what query, when, with which filters and the count the source reported.</summary>
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
    Actor By) : IReviewEvent;
