using EventReview.Hosting;
using System.Text.Json.Serialization;

namespace EventReview.Audit;

/// <summary>One thing verification found wrong: where it shows first, what is wrong and what an auditor should do.</summary>
public sealed record AuditFinding(AuditFindingKind Kind, long? Sequence, string? StreamId, long? Version, string Message, string Action)
{
    /// <summary>Where a stream's chain broke, as a finding.</summary>
    public static AuditFinding Of(ChainFailure broken) =>
        new(AuditFindingKind.Chain, broken.Sequence, broken.StreamId, broken.Version, broken.Message, AuditActions.Investigate);
}

/// <summary>The outcome of <see cref="LogAudit"/>: intact only without findings. Unsealed events are the newest, not yet
/// behind the sealer's high-water mark; they are checked by their chains and seals only.</summary>
public sealed record AuditReport(
    bool Intact,
    long Events,
    int Streams,
    long Sealed,
    long Unsealed,
    DateTimeOffset? OldestUnsealed,
    long TreeSize,
    string? Root,
    TreeHead? NewestTreeHead,
    int TreeHeadsChecked,
    int CheckpointFilesChecked,
    IReadOnlyList<AuditFinding> Findings);

[JsonConverter(typeof(KebabCaseEnumConverter<AuditFindingKind>))]
public enum AuditFindingKind
{
    /// <summary>A stream's chain is broken: an event was changed, deleted, inserted or moved (see the message).</summary>
    Chain,

    /// <summary>An event's link is sealed by no transaction seal, or the seal's MAC is wrong: written without the key.</summary>
    TransactionSeal,

    /// <summary>A stream row disagrees with its events, or events have no stream row.</summary>
    Stream,

    /// <summary>A chain link belongs to no event: its event was deleted.</summary>
    OrphanLink,

    /// <summary>A sealed event is missing, changed or moved, or an event appeared inside the sealed range.</summary>
    Seal,

    /// <summary>A tree head's signature is wrong, or the tree no longer has its root at its size.</summary>
    TreeHead,

    /// <summary>A checkpoint file is unreadable, of another log, wrongly signed, or not contained in the current tree.</summary>
    Checkpoint,

    /// <summary>A projection document differs from the fold of its events.</summary>
    Projection,
}

public static class AuditActions
{
    public const string Investigate = "Treat the log as altered from this point: restore the database from a backup taken before it and compare, and keep this report.";
    public const string Checkpoint = "Check the checkpoint against a copy held elsewhere; if that copy verifies, the log was rewritten or truncated after it.";
    public const string Rebuild = "Rebuild the projections (eventreview rebuild) after the events themselves verify.";
}
