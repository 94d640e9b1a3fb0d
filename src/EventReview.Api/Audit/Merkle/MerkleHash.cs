using System.Security.Cryptography;

namespace EventReview.Audit;

/// <summary>
/// RFC 9162 section 2.1 hashing with SHA-256. The 0x00 and 0x01 prefixes keep a leaf from ever hashing like an
/// interior node, so nobody can pass off two child hashes as a leaf (second-preimage attack on the tree).
/// </summary>
public static class MerkleHash
{
    public const int Length = 32;

    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;

    // Entries up to this size are hashed from the stack; larger ones get a heap buffer.
    private const int StackLimit = 512;

    /// <summary>The root of the empty tree, SHA-256 of no input. A fresh array on each call, so callers may keep it.</summary>
    public static byte[] Empty => SHA256.HashData(ReadOnlySpan<byte>.Empty);

    public static byte[] Leaf(ReadOnlySpan<byte> entry)
    {
        var input = entry.Length < StackLimit ? stackalloc byte[entry.Length + 1] : new byte[entry.Length + 1];
        input[0] = LeafPrefix;
        entry.CopyTo(input[1..]);
        return SHA256.HashData(input);
    }

    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var hash = new byte[Length];
        Node(left, right, hash);
        return hash;
    }

    /// <summary>Writes the node hash into destination, which may be left or right itself: both are copied first.</summary>
    internal static void Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        if (left.Length != Length || right.Length != Length)
            throw new ArgumentException("A child hash must be 32 bytes.");
        Span<byte> input = stackalloc byte[1 + 2 * Length];
        input[0] = NodePrefix;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + Length)..]);
        SHA256.HashData(input, destination);
    }

    public static string ToHex(ReadOnlySpan<byte> hash) => Convert.ToHexStringLower(hash);

    public static byte[] FromHex(string hex) =>
        HashChain.IsHash(hex) ? Convert.FromHexString(hex) : throw new AuditFormatException("A hash must be 64 lowercase hexadecimal digits.");
}
