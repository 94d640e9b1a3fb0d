using System.Text;
using System.Text.Json;

namespace EventReview.Audit;

/// <summary>
/// The fields of an event that its hash covers: in format 2, every column a read or an export shows. The global
/// sequence is not among them: the database assigns it after the hash is computed, and an imported log gets new
/// sequence numbers (the seal covers it instead). Format 1, written before causation, headers, tenant and the archived
/// flag were covered, is still verified as it was written.
/// </summary>
public sealed record CanonicalEvent(
    string StreamId,
    long StreamVersion,
    string EventType,
    JsonElement Data,
    string ActorId,
    string ActorName,
    DateTimeOffset Timestamp,
    string? CorrelationId,
    string? CausationId = null,
    JsonElement? Headers = null,
    string TenantId = CanonicalEvent.DefaultTenant,
    bool Archived = false,
    int Format = CanonicalEvent.CurrentFormat)
{
    public const int CurrentFormat = 2;
    public const string DefaultTenant = "*DEFAULT*";

    // Beyond 2^53 a JSON number no longer holds every integer, so two versions could serialize alike.
    private const long MaxVersion = 1L << 53;

    /// <summary>The RFC 8785 text that is hashed: one JSON object holding the event and the previous hash.</summary>
    public string CanonicalJson(string previousHash)
    {
        if (StreamVersion is < 1 or > MaxVersion)
            throw new AuditFormatException($"Stream version {StreamVersion} of stream {StreamId} is outside 1..2^53.");
        if (Format is not (1 or CurrentFormat))
            throw new AuditFormatException($"Hash format {Format} of stream {StreamId}, version {StreamVersion}, is unknown.");

        // Keys in RFC 8785 order (ordinal): a test checks this text is already canonical.
        var v2 = Format == CurrentFormat;
        var json = new StringBuilder();
        json.Append("{\"actorId\":");
        Jcs.AppendString(json, ActorId);
        json.Append(",\"actorName\":");
        Jcs.AppendString(json, ActorName);
        if (v2)
        {
            json.Append(",\"archived\":").Append(Archived ? "true" : "false");
            json.Append(",\"causationId\":");
            AppendNullable(json, CausationId);
        }
        json.Append(",\"correlationId\":");
        AppendNullable(json, CorrelationId);
        json.Append(",\"data\":").Append(Jcs.Canonicalize(Data));
        if (v2)
        {
            json.Append(",\"format\":2,\"headers\":");
            json.Append(Headers is { ValueKind: not JsonValueKind.Null } headers ? Jcs.Canonicalize(headers) : "null");
        }
        json.Append(",\"previousHash\":");
        Jcs.AppendString(json, previousHash);
        json.Append(",\"streamId\":");
        Jcs.AppendString(json, StreamId);
        json.Append(",\"streamVersion\":").Append(Jcs.FormatNumber(StreamVersion));
        if (v2)
        {
            json.Append(",\"tenantId\":");
            Jcs.AppendString(json, TenantId);
        }
        json.Append(",\"timestamp\":");
        Jcs.AppendString(json, ChainTimestamp.Format(Timestamp));
        json.Append(",\"type\":");
        Jcs.AppendString(json, EventType);
        json.Append('}');
        return json.ToString();
    }

    private static void AppendNullable(StringBuilder json, string? text)
    {
        if (text is null) json.Append("null");
        else Jcs.AppendString(json, text);
    }
}
