using System.Security.Cryptography;
using System.Text;
using EventReview.Hosting;

namespace EventReview.Audit;

/// <summary>
/// The key the database never holds. Its P-256 private half signs tree heads (ES256), which anyone with the public half
/// can check; a MAC key derived from it seals each transaction's chain links (HMAC-SHA256, 1.7 µs against 31 µs for a
/// signature), which only the key's holder can check. Someone who can write the database but lacks this key can neither
/// sign a tree head nor seal a forged link.
/// </summary>
public sealed class SealKey : IDisposable
{
    public const string FileName = "seal-key.pem";
    public const string PublicFileName = "seal-key.pub.pem";
    private static readonly byte[] MacLabel = Encoding.ASCII.GetBytes("eventreview transaction seal v1");
    private const string P256Oid = "1.2.840.10045.3.1.7";
    private readonly ECDsa _key;
    private readonly byte[]? _macKey;

    private SealKey(ECDsa key, bool hasPrivate)
    {
        _key = key;
        PublicKey = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
        KeyId = Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
        if (hasPrivate) _macKey = HMACSHA256.HashData(key.ExportParameters(true).D!, MacLabel);
    }

    /// <summary>The public half, base64 SubjectPublicKeyInfo, as written into each tree head.</summary>
    public string PublicKey { get; }

    /// <summary>The first 16 hex digits of SHA-256 over the public key, naming the key in reports.</summary>
    public string KeyId { get; }

    public bool CanSign => _macKey is not null;

    public string PublicPem => _key.ExportSubjectPublicKeyInfoPem();

    /// <summary>
    /// The configured key, else the data directory's, created at first use with its public half beside it; never
    /// created on a shared database (<paramref name="sharedStore"/>), whose nodes must all hold the same key.
    /// </summary>
    public static SealKey Load(AuditOptions options, string dataDirectory, bool sharedStore = false)
    {
        var pem = options.SealKey
            ?? (options.SealKeyFile is { } file ? File.ReadAllText(file) : null)
            ?? KeyFile.ReadOrCreate(Path.Combine(dataDirectory, FileName), NewPem, RefuseToCreate(dataDirectory, sharedStore));
        var key = FromPem(pem);
        if (!key.CanSign) throw new AuditFormatException("The seal key must be a private key.");
        var publicFile = Path.Combine(dataDirectory, PublicFileName);
        if (options.SealKey is null && options.SealKeyFile is null && !File.Exists(publicFile))
            File.WriteAllText(publicFile, key.PublicPem);
        return key;
    }

    /// <summary>Why a new key must not be made here, or null when it may.</summary>
    private static string? RefuseToCreate(string dataDirectory, bool sharedStore)
    {
        if (sharedStore)
            return "No seal key is configured. Nodes on a configured database must all hold the same one: set EventReview:Audit:SealKey " +
                "or EventReview:Audit:SealKeyFile (a key made by this node would not be the other nodes').";
        // A restored backup brings the public half only; a new key would not match the seals already in the log.
        if (File.Exists(Path.Combine(dataDirectory, PublicFileName)))
            return $"{Path.Combine(dataDirectory, PublicFileName)} is here but the private key {FileName} is not (backups leave it out): " +
                "put it back or configure EventReview:Audit:SealKey; a new key would not match the log's seals.";
        return null;
    }

    /// <summary>The configured key or the data directory's, for tools that check: never creates one.</summary>
    public static SealKey LoadExisting(AuditOptions options, string dataDirectory)
    {
        var file = Path.Combine(dataDirectory, FileName);
        if (options.SealKey is null && options.SealKeyFile is null && !File.Exists(file))
            throw new AuditFormatException($"No seal key is configured and {file} does not exist; give the public key with --public-key.");
        return Load(options, dataDirectory);
    }

    /// <summary>A private or public P-256 key from PEM text.</summary>
    public static SealKey FromPem(string pem)
    {
        var key = ImportP256(pem);
        bool hasPrivate;
        try
        {
            hasPrivate = key.ExportParameters(true).D is not null;
        }
        catch (CryptographicException)
        {
            hasPrivate = false;
        }
        return new SealKey(key, hasPrivate);
    }

    public byte[] Sign(byte[] data) =>
        CanSign
            ? _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
            : throw new InvalidOperationException("Only the private seal key signs.");

    public bool VerifySignature(byte[] data, byte[] signature) =>
        signature.Length == 64
        && _key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public string Mac(byte[] data) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_macKey ?? throw new InvalidOperationException("Only the private seal key seals transactions."), data));

    private static ECDsa ImportP256(string pem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            if (key.ExportParameters(false).Curve.Oid.Value != P256Oid) throw new AuditFormatException("Seal keys must be ECDSA P-256 keys.");
            return key;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException or AuditFormatException)
        {
            key.Dispose();
            throw ex as AuditFormatException ?? new AuditFormatException("The key file holds no PEM-encoded EC key.", ex);
        }
    }

    /// <summary>A new P-256 private key as PKCS#8 PEM, the form a seal key is configured in.</summary>
    public static string NewPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }

    public void Dispose() => _key.Dispose();
}
