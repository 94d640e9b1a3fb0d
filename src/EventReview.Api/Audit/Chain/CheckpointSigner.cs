using System.Security.Cryptography;
using System.Text;

namespace EventReview.Audit;

/// <summary>
/// ECDSA P-256 with SHA-256 ("ES256", signature as r||s) over the checkpoint's canonical JSON. The private key lives
/// in a PEM file outside the database, so someone who can rewrite the database cannot sign a rewritten head.
/// </summary>
public static class CheckpointSigner
{
    public const string Algorithm = "ES256";
    private const string P256Oid = "1.2.840.10045.3.1.7";
    private const long MaxJsonInteger = 1L << 53;

    /// <summary>Exactly what is signed: RFC 8785 JSON of every field except the signature and the key.</summary>
    public static byte[] SignedBytes(Checkpoint c)
    {
        if (c.Count is < 0 or > MaxJsonInteger || c.LastSequence is < 0 or > MaxJsonInteger)
            throw new AuditFormatException("Checkpoint count and last sequence must lie in 0..2^53.");

        // Keys in RFC 8785 order; "format" keeps a checkpoint signature from passing for any other signed JSON.
        var json = new StringBuilder("{\"algorithm\":");
        Jcs.AppendString(json, c.Algorithm);
        json.Append(",\"count\":").Append(Jcs.FormatNumber(c.Count));
        json.Append(",\"createdAt\":");
        Jcs.AppendString(json, ChainTimestamp.Format(c.CreatedAt));
        json.Append(",\"format\":\"eventreview-checkpoint\",\"head\":");
        Jcs.AppendString(json, c.Head);
        json.Append(",\"lastSequence\":").Append(Jcs.FormatNumber(c.LastSequence));
        json.Append(",\"reviewId\":");
        Jcs.AppendString(json, c.ReviewId);
        json.Append('}');
        return Jcs.ToUtf8(json.ToString());
    }

    public static Checkpoint Sign(Checkpoint checkpoint, ECDsa privateKey)
    {
        RequireP256(privateKey);
        var signed = checkpoint with { Algorithm = Algorithm, Signature = null, PublicKey = null };
        var signature = privateKey.SignData(SignedBytes(signed), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signed with
        {
            Signature = Convert.ToBase64String(signature),
            PublicKey = Convert.ToBase64String(privateKey.ExportSubjectPublicKeyInfo()),
        };
    }

    /// <summary>True only if <paramref name="trustedPublicKey"/> signed exactly this checkpoint. The key embedded in
    /// the checkpoint is not used: anyone can embed their own key.</summary>
    public static bool Verify(Checkpoint checkpoint, ECDsa trustedPublicKey)
    {
        RequireP256(trustedPublicKey);
        if (checkpoint.Algorithm != Algorithm || checkpoint.Signature is null) return false;
        var signature = new byte[64];
        if (!Convert.TryFromBase64String(checkpoint.Signature, signature, out var length) || length != 64) return false;
        return trustedPublicKey.VerifyData(SignedBytes(checkpoint), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>Reads a P-256 key (private or public) from PEM text, such as the signing key file's contents.</summary>
    public static ECDsa ImportKey(string pem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            RequireP256(key);
            return key;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException or AuditFormatException)
        {
            key.Dispose();
            throw ex as AuditFormatException ?? new AuditFormatException("The key file holds no PEM-encoded EC key.", ex);
        }
    }

    private static void RequireP256(ECDsa key)
    {
        if (key.ExportParameters(includePrivateParameters: false).Curve.Oid.Value != P256Oid)
            throw new AuditFormatException("Checkpoint keys must be ECDSA P-256 keys.");
    }
}
