using EventReview.Screening;

namespace EventReview.Records;

/// <summary>Where a record stands, as one queryable word. Derived from the record's state, never stored on its own.</summary>
public static class RecordStatus
{
    public const string Duplicate = "duplicate";
    public const string Removed = "removed";
    public const string AwaitingTitleAbstract = "awaiting-title-abstract";
    public const string TitleAbstractConflict = "title-abstract-conflict";
    public const string ExcludedTitleAbstract = "excluded-title-abstract";
    public const string AwaitingRetrieval = "awaiting-retrieval";
    public const string NotRetrieved = "not-retrieved";
    public const string AwaitingFullText = "awaiting-full-text";
    public const string FullTextConflict = "full-text-conflict";
    public const string ExcludedFullText = "excluded-full-text";
    public const string Included = "included";

    public static IReadOnlyList<string> All { get; } =
    [
        Duplicate, Removed, AwaitingTitleAbstract, TitleAbstractConflict, ExcludedTitleAbstract, AwaitingRetrieval,
        NotRetrieved, AwaitingFullText, FullTextConflict, ExcludedFullText, Included,
    ];

    public static string Of(RecordState r)
    {
        if (r.DuplicateOf is not null) return Duplicate;
        if (r.Removal is not null) return Removed;
        switch (r.TitleAbstract.Outcome)
        {
            case null: return r.TitleAbstract.InConflict ? TitleAbstractConflict : AwaitingTitleAbstract;
            case Decision.Exclude: return ExcludedTitleAbstract;
        }
        if (r.Retrieved is null) return AwaitingRetrieval;
        if (r.Retrieved == false) return NotRetrieved;
        return r.FullText.Outcome switch
        {
            null => r.FullText.InConflict ? FullTextConflict : AwaitingFullText,
            Decision.Exclude => ExcludedFullText,
            _ => Included,
        };
    }
}
