using System.Text;
using System.Text.Json;

namespace EventReview.Audit;

/// <summary>The fields of an event that its hash covers. The global sequence is not among them: the
/// database assigns it after the hash is computed, and an imported log gets new sequence numbers.</summary>
public sealed record CanonicalEvent(
    string StreamId,
    long StreamVersion,
    string EventType,
    JsonElement Data,
    string ActorId,
    string ActorName,
    DateTimeOffset Timestamp,
    string? CorrelationId)
{
    // Beyond 2^53 a JSON number no longer holds every integer, so two versions could serialize alike.
    private const long MaxVersion = 1L << 53;

    /// <summary>The RFC 8785 text that is hashed: one JSON object holding the event and the previous hash.</summary>
    public string CanonicalJson(string previousHash)
    {
        if (StreamVersion is < 1 or > MaxVersion)
            throw new AuditFormatException($"Stream version {StreamVersion} of stream {StreamId} is outside 1..2^53.");

        // Keys in RFC 8785 order (ordinal): a test checks this text is already canonical.
        var json = new StringBuilder();
        json.Append("{\"actorId\":");
        Jcs.AppendString(json, ActorId);
        json.Append(",\"actorName\":");
        Jcs.AppendString(json, ActorName);
        json.Append(",\"correlationId\":");
        if (CorrelationId is null) json.Append("null");
        else Jcs.AppendString(json, CorrelationId);
        json.Append(",\"data\":").Append(Jcs.Canonicalize(Data));
        json.Append(",\"previousHash\":");
        Jcs.AppendString(json, previousHash);
        json.Append(",\"streamId\":");
        Jcs.AppendString(json, StreamId);
        json.Append(",\"streamVersion\":").Append(Jcs.FormatNumber(StreamVersion));
        json.Append(",\"timestamp\":");
        Jcs.AppendString(json, ChainTimestamp.Format(Timestamp));
        json.Append(",\"type\":");
        Jcs.AppendString(json, EventType);
        json.Append('}');
        return json.ToString();
    }
}
