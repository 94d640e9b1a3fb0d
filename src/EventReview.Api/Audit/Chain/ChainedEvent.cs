using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventReview.Audit;

/// <summary>A stored event with its place in the log and its chain hashes; also one line of the NDJSON export.</summary>
public sealed record ChainedEvent(
    long Sequence,
    string StreamId,
    long StreamVersion,
    string EventType,
    JsonElement Data,
    string ActorId,
    string ActorName,
    [property: JsonConverter(typeof(ChainTimestampConverter))] DateTimeOffset Timestamp,
    string? CorrelationId,
    string PreviousHash,
    string Hash,
    string? CausationId = null,
    JsonElement? Headers = null,
    string TenantId = CanonicalEvent.DefaultTenant,
    bool Archived = false,
    int HashFormat = CanonicalEvent.CurrentFormat)
{
    /// <summary>Chains <paramref name="e"/> onto its stream: <paramref name="previousHash"/> is the hash of the
    /// stream's preceding event, or <see cref="HashChain.Genesis"/> for its first.</summary>
    public static ChainedEvent Create(CanonicalEvent e, long sequence, string previousHash) =>
        new(sequence, e.StreamId, e.StreamVersion, e.EventType, e.Data, e.ActorId, e.ActorName,
            e.Timestamp, e.CorrelationId, previousHash, HashChain.Compute(previousHash, e),
            e.CausationId, e.Headers, e.TenantId, e.Archived, e.Format);

    public CanonicalEvent ToCanonical() =>
        new(StreamId, StreamVersion, EventType, Data, ActorId, ActorName, Timestamp, CorrelationId,
            CausationId, Headers, TenantId, Archived, HashFormat);
}
