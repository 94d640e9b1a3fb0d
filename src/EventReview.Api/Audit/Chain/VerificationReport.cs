using EventReview.Hosting;
using System.Text.Json.Serialization;

namespace EventReview.Audit;

/// <summary>Outcome of <see cref="ChainVerifier.Verify"/>. EventsChecked, Streams, Head and LastSequence cover the
/// events found consistent before the first failure was detected (all of them when the log is intact).</summary>
public sealed record VerificationReport(
    bool Intact,
    long EventsChecked,
    int Streams,
    string Head,
    long? LastSequence,
    ChainFailure? FirstFailure);

/// <summary>Where verification stopped: the event named is where the damage shows, and the message says what is wrong.</summary>
public sealed record ChainFailure(long? Sequence, string? StreamId, long? Version, ChainFailureKind Kind, string Message);

[JsonConverter(typeof(KebabCaseEnumConverter<ChainFailureKind>))]
public enum ChainFailureKind
{
    /// <summary>The event's content no longer matches its own hash.</summary>
    DataChanged,

    /// <summary>A stream skips a version: an event was deleted.</summary>
    VersionGap,

    /// <summary>Events are not in sequence or version order: moved or swapped.</summary>
    OutOfOrder,

    /// <summary>An event's previous hash does not link to its stream's preceding event: inserted or replaced.</summary>
    Forged,
}
