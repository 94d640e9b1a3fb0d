using EventReview.Records;
using EventReview.Records.Parsing;
using EventReview.Reviews;
using EventReview.Screening;

namespace EventReview.DecisionImports;

public enum DecisionFormat { Rayyan, Asreview }

/// <summary>A reviewer as the source names them: its own user id, and the name and e-mail it shows.</summary>
public sealed record SourceMember(string SourceUserId, string Name, string? Email);

/// <summary>
/// One decision row of the source's log, in the source's words: who, on which of its records, at which stage, what,
/// why (exclusion reasons), when by the source's clock, and the line of the file it came from.
/// </summary>
public sealed record SourceVote(int Line, DateTimeOffset? SourceTime, string SourceUserId, string SourceRecordId, Stage Stage,
    Decision Decision, IReadOnlyList<string> Reasons, string? Note = null);

/// <summary>The source moved a record on to full text (Rayyan's __SYSTEM__STAGE__ rows).</summary>
public sealed record SourceStageMove(int Line, DateTimeOffset? SourceTime, string SourceRecordId, string Detail);

/// <summary>A reviewer put a label on one of the source's records, or (<paramref name="Removed"/>) took it off.</summary>
public sealed record SourceLabel(int Line, DateTimeOffset? SourceTime, string SourceUserId, string SourceRecordId, string Label, bool Removed);

/// <summary>
/// Everything a decision export holds that the import carries over, read and checked before anything is stored.
/// <paramref name="ReviewersPerRecord"/> is the stage setting the source worked with; <paramref name="Context"/> is
/// what the source knew about how the records were proposed (ASReview's model), kept as text on the search.
/// </summary>
public sealed record DecisionSource(
    DecisionFormat Format,
    IReadOnlyList<BibRecord> Records,
    IReadOnlyList<SourceMember> Members,
    IReadOnlyList<SourceVote> Votes,
    IReadOnlyList<SourceStageMove> Moves,
    int ReviewersPerRecord,
    IReadOnlyList<string> Discrepancies,
    string? Context)
{
    /// <summary>Labels (Rayyan) and tags (ASReview) in the source's order.</summary>
    public IReadOnlyList<SourceLabel> Labels { get; init; } = [];
}

/// <summary>A file that cannot be imported: the lines that say why. Nothing is stored.</summary>
public sealed class DecisionSourceException(IReadOnlyList<ImportError> errors)
    : Exception(string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}")))
{
    public IReadOnlyList<ImportError> Errors { get; } = errors;

    public DecisionSourceException(int line, string message) : this([new ImportError(line, message)]) { }
}
