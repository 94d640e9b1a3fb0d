namespace EventReview.Searches;

public sealed record Search(
    Guid Id, string Source, SearchKind Kind, OtherMethod? OtherMethod, string Query, DateOnly SearchedOn, string? Filters, int? ReportedCount);
