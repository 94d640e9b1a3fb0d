namespace EventReview.Searches;

public sealed record Search(
    Guid Id, string Source, SearchKind Kind, OtherMethod? OtherMethod, string Query, DateOnly SearchedOn, string? Filters, int? ReportedCount)
{
    public string? Platform { get; init; }

    public DateOnly? CoveredFrom { get; init; }

    public DateOnly? CoveredTo { get; init; }

    /// <summary>How the strategy was peer reviewed before it was run (PRESS), as the team describes it.</summary>
    public string? PeerReview { get; init; }

    /// <summary>The reasons given for each correction, oldest first.</summary>
    public IReadOnlyList<string> Corrections { get; init; } = [];

    /// <summary>Why the search was withdrawn; null while it counts.</summary>
    public string? WithdrawnBecause { get; init; }

    public bool Withdrawn => WithdrawnBecause is not null;

    public static Search From(SearchRecorded e) => new(e.SearchId, e.Source, e.Kind, e.OtherMethod, e.Query, e.SearchedOn, e.Filters, e.ReportedCount)
    {
        Platform = e.Platform, CoveredFrom = e.CoveredFrom, CoveredTo = e.CoveredTo, PeerReview = e.PeerReview,
    };

    public Search With(SearchChanges c) => new(
        Id, Text(c.Source) ?? Source, c.Kind ?? Kind, c.Kind is { } kind && kind != SearchKind.Other ? null : c.OtherMethod ?? OtherMethod,
        Text(c.Query) ?? Query, c.SearchedOn ?? SearchedOn, Cleared(c.Filters, Filters), c.ReportedCount ?? ReportedCount)
    {
        Platform = Cleared(c.Platform, Platform),
        CoveredFrom = c.CoveredFrom ?? CoveredFrom,
        CoveredTo = c.CoveredTo ?? CoveredTo,
        PeerReview = Cleared(c.PeerReview, PeerReview),
        Corrections = Corrections,
        WithdrawnBecause = WithdrawnBecause,
    };

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // An empty text in a correction clears an optional field; null leaves it.
    private static string? Cleared(string? change, string? current) => change is null ? current : Text(change);
}
