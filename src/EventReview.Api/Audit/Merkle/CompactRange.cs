using System.Numerics;

namespace EventReview.Audit;

/// <summary>
/// The right edge of a Merkle tree: the roots of its perfect subtrees, largest (leftmost) first, one for each set
/// bit of the size. That is all a sealer needs to append the next leaf and to compute the current root, so it
/// seals any number of events in O(log n) memory and never reads old leaves back.
/// </summary>
public sealed class CompactRange
{
    private readonly List<byte[]> _roots;

    public CompactRange() : this(0, []) { }

    private CompactRange(long size, List<byte[]> roots)
    {
        Size = size;
        _roots = roots;
    }

    public long Size { get; private set; }

    /// <summary>The subtree roots in lowercase hex, largest first: what to persist next to Size.</summary>
    public IReadOnlyList<string> Hashes => _roots.Select(root => MerkleHash.ToHex(root)).ToList();

    public void Append(ReadOnlySpan<byte> leafHash)
    {
        if (leafHash.Length != MerkleHash.Length)
            throw new ArgumentException("A leaf hash must be 32 bytes.", nameof(leafHash));
        var hash = leafHash.ToArray();
        // Each trailing set bit of the old size is a perfect subtree of the same height as the one being carried:
        // merge them like a binary counter's carry.
        for (var size = Size; (size & 1) == 1; size >>= 1)
        {
            MerkleHash.Node(_roots[^1], hash, hash);
            _roots.RemoveAt(_roots.Count - 1);
        }
        _roots.Add(hash);
        Size++;
    }

    /// <summary>MTH of the tree so far: RFC 9162 splits off the largest perfect subtree first, so fold from the right.</summary>
    public byte[] Root()
    {
        if (_roots.Count == 0)
            return MerkleHash.Empty;
        var root = (byte[])_roots[^1].Clone();
        for (var i = _roots.Count - 2; i >= 0; i--)
            MerkleHash.Node(_roots[i], root, root);
        return root;
    }

    public static CompactRange Restore(long size, IReadOnlyList<string> hashes)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        if (size < 0)
            throw new AuditFormatException($"A tree size cannot be negative; got {size}.");
        var expected = BitOperations.PopCount((ulong)size);
        if (hashes.Count != expected)
            throw new AuditFormatException(
                $"A compact range of size {size} holds {expected} subtree hashes (one per set bit of the size), not {hashes.Count}.");
        return new CompactRange(size, hashes.Select(MerkleHash.FromHex).ToList());
    }
}
