using System.Security.Cryptography;

namespace EventReview.Audit;

/// <summary>
/// Per-stream hash chains and the review-level head.
/// Event hash: SHA-256 of the event's canonical JSON, which includes the previous hash of its stream.
/// Review head: H_0 = 32 zero bytes, H_n = SHA-256(H_(n-1) || hash of event n), events in global sequence order.
/// A running head rather than a Merkle root: the verifier always reads the whole log anyway, so it needs no
/// inclusion proofs; the running head is computed in constant memory while streaming, and "the log still
/// extends checkpoint (n, H_n)" is simply "the head after n events equals H_n".
/// </summary>
public static class HashChain
{
    public static readonly string EmptyHead = new('0', 64);

    /// <summary>The previous hash of a stream's first event; naming the stream stops moving that event to another stream.</summary>
    public static string Genesis(string streamId) => Sha256Hex(Jcs.ToUtf8("eventreview:genesis:" + streamId));

    public static string Compute(string previousHash, CanonicalEvent e) => Sha256Hex(Jcs.ToUtf8(e.CanonicalJson(previousHash)));

    public static string NextHead(string head, string eventHash)
    {
        if (!IsHash(head) || !IsHash(eventHash))
            throw new AuditFormatException("A hash must be 64 lowercase hexadecimal digits.");
        var input = new byte[64];
        Convert.FromHexString(head).CopyTo(input, 0);
        Convert.FromHexString(eventHash).CopyTo(input, 32);
        return Sha256Hex(input);
    }

    public static bool IsHash(string? text) =>
        text is { Length: 64 } && text.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    private static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
