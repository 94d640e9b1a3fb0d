using EventReview.Records.Parsing;

namespace EventReview.Deduplication;

/// <summary>What the matcher needs of a record. Candidates are passed in import order: the earliest is kept.</summary>
public sealed record DedupCandidate(string Id, string? Doi, string? Pmid, string? Title, int? Year, string? FirstAuthor)
{
    public static DedupCandidate From(string id, BibRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(id, record.Doi, record.Pmid, record.Title, record.Year, record.Authors.Count > 0 ? record.Authors[0] : null);
    }
}

/// <summary>
/// Why a record was marked: the record it matched directly (<paramref name="MatchedId"/>, which is not always the
/// kept one when duplicates chain) and the keys that matched. For a fuzzy match: the normalized title of the
/// duplicate, the year, the first author's normalized family name and the title similarity (0 to 1).
/// </summary>
public sealed record MatchEvidence(
    string MatchedId,
    string? Doi = null,
    string? Pmid = null,
    string? TitleKey = null,
    int? Year = null,
    string? FirstAuthorKey = null,
    double? TitleSimilarity = null);

public sealed record DuplicateMatch(string DuplicateId, string KeptId, DuplicateMethod Method, MatchEvidence Evidence);

public sealed record DedupOptions
{
    public static DedupOptions Default { get; } = new();

    /// <summary>Minimum normalized Levenshtein similarity of the normalized titles, from 0 to 1.</summary>
    public double TitleSimilarityThreshold { get; init; } = 0.9;

    /// <summary>How far years may differ in a fuzzy match (0: equal; 1 tolerates print versus online-first year).</summary>
    public int YearTolerance { get; init; }

    /// <summary>Shorter normalized titles ("Editorial", "Reply") never match fuzzily.</summary>
    public int MinimumTitleLength { get; init; } = 10;

    /// <summary>Caps title comparisons per record so a pathological block (thousands of same-author, same-year records) stays linear.</summary>
    public int MaxComparisonsPerRecord { get; init; } = 500;
}
