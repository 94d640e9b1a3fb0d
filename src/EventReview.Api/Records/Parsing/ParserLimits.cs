namespace EventReview.Records.Parsing;

/// <summary>
/// Bounds that keep hostile or corrupt uploads from exhausting memory: a record over a bound becomes a
/// <see cref="ParseError"/> and is skipped, never loaded whole.
/// </summary>
public sealed record ParserLimits
{
    public static ParserLimits Default { get; } = new();

    public int MaxFieldLength { get; init; } = 100_000;
    public int MaxRecordLength { get; init; } = 1_000_000;

    /// <summary>After this many errors parsing stops with one final error, so a binary file cannot flood the caller.</summary>
    public int MaxErrors { get; init; } = 1_000;

    /// <summary>A physical line may hold a whole field plus its tag.</summary>
    internal int MaxLineLength => MaxFieldLength + 64;
}
