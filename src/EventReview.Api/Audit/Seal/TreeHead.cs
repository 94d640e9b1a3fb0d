using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventReview.Audit;

/// <summary>
/// A signed commitment to the sealed log: the Merkle tree (RFC 9162) of its first <see cref="Size"/> sealed events has
/// <see cref="Root"/>. Stored in the database and written as a checkpoint file outside it; anyone holding the public seal
/// key can check the signature, and a consistency proof shows a later tree still contains this one.
/// <see cref="Log"/> names the sealed log, so a tree head of another database is never taken for this one's.
/// </summary>
public sealed record TreeHead(
    string Log,
    long Size,
    string Root,
    [property: JsonConverter(typeof(ChainTimestampConverter))] DateTimeOffset Time,
    string KeyId,
    string Signature,
    string? PublicKey = null,
    string Format = TreeHead.FormatName,
    string Algorithm = TreeHead.SignatureAlgorithm)
{
    public const string FormatName = "eventreview-tree-head";
    public const string SignatureAlgorithm = "ES256";

    public static TreeHead Sign(SealKey key, string log, long size, string root, DateTimeOffset time)
    {
        var unsigned = new TreeHead(log, size, root, ChainTimestamp.Normalize(time), key.KeyId, "");
        return unsigned with { Signature = Convert.ToBase64String(key.Sign(unsigned.SignedBytes())), PublicKey = key.PublicKey };
    }

    /// <summary>True only if <paramref name="trusted"/> signed exactly this head; the embedded public key is never trusted.</summary>
    public bool IsSignedBy(SealKey trusted)
    {
        var signature = new byte[64];
        return Format == FormatName && Algorithm == SignatureAlgorithm
            && Convert.TryFromBase64String(Signature, signature, out var length) && length == 64
            && trusted.VerifySignature(SignedBytes(), signature);
    }

    /// <summary>Exactly what is signed: the RFC 8785 JSON of every field but the signature and the embedded key.</summary>
    public byte[] SignedBytes()
    {
        if (Size is < 0 or > 1L << 53) throw new AuditFormatException("A tree head's size must lie in 0..2^53.");
        var json = new StringBuilder("{\"algorithm\":");
        Jcs.AppendString(json, Algorithm);
        json.Append(",\"format\":");
        Jcs.AppendString(json, Format);
        json.Append(",\"keyId\":");
        Jcs.AppendString(json, KeyId);
        json.Append(",\"log\":");
        Jcs.AppendString(json, Log);
        json.Append(",\"root\":");
        Jcs.AppendString(json, Root);
        json.Append(",\"size\":").Append(Jcs.FormatNumber(Size));
        json.Append(",\"time\":");
        Jcs.AppendString(json, ChainTimestamp.Format(Time));
        json.Append('}');
        return Jcs.ToUtf8(json.ToString());
    }

    public string ToJson() => JsonSerializer.Serialize(this, ChainJson.Options);

    /// <summary>A checkpoint file's tree head; anything else is a clear <see cref="AuditFormatException"/>.</summary>
    public static TreeHead Parse(string json)
    {
        TreeHead? head;
        try
        {
            head = JsonSerializer.Deserialize<TreeHead>(json, ChainJson.Options);
        }
        catch (JsonException ex)
        {
            throw new AuditFormatException($"The checkpoint is not a tree head: {ex.Message}", ex);
        }
        if (head is null || head.Format != FormatName)
            throw new AuditFormatException($"The checkpoint is not an {FormatName}.");
        if (head.Size < 0 || !HashChain.IsHash(head.Root))
            throw new AuditFormatException("The checkpoint needs a size of at least 0 and a root of 64 lowercase hexadecimal digits.");
        return head;
    }
}
