using System.Numerics;

namespace EventReview.Audit;

/// <summary>
/// Roots and proofs computed from all leaf hashes of a tree, following the recursive definitions of RFC 9162:
/// MTH (2.1.1), PATH (2.1.3.1) and PROOF/SUBPROOF (2.1.4.1). The leaves D[0:size] are the first size entries of
/// the list, so one list of a log's leaf hashes serves every older tree size too.
/// Each proof hashes disjoint subtrees, so it costs O(size) hashes and allocates only the proof itself.
/// </summary>
public static class MerkleProofs
{
    public static byte[] Root(IReadOnlyList<byte[]> leaves, long size)
    {
        CheckSize(leaves, size, nameof(size));
        return size == 0 ? MerkleHash.Empty : SubtreeHash(leaves, 0, (int)size);
    }

    /// <summary>The audit path for leaf index, lowest sibling first, as RFC 9162 2.1.3.1 lists it.</summary>
    public static IReadOnlyList<byte[]> InclusionProof(IReadOnlyList<byte[]> leaves, long index, long size)
    {
        CheckSize(leaves, size, nameof(size));
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
        var proof = new List<byte[]>();
        Path(leaves, (int)index, 0, (int)size, proof);
        return proof;
    }

    /// <summary>
    /// PROOF(oldSize, D[newSize]); empty when the sizes are equal, and when oldSize is 0, since the empty tree is a
    /// prefix of every tree and RFC 9162 defines no proof for it.
    /// </summary>
    public static IReadOnlyList<byte[]> ConsistencyProof(IReadOnlyList<byte[]> leaves, long oldSize, long newSize)
    {
        CheckSize(leaves, newSize, nameof(newSize));
        ArgumentOutOfRangeException.ThrowIfNegative(oldSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(oldSize, newSize);
        var proof = new List<byte[]>();
        if (oldSize > 0)
            SubProof(leaves, (int)oldSize, 0, (int)newSize, true, proof);
        return proof;
    }

    // PATH(m, D[start:start+n]). The RFC appends the sibling after the path inside the child, so recurse first.
    private static void Path(IReadOnlyList<byte[]> leaves, int m, int start, int n, List<byte[]> proof)
    {
        if (n == 1)
            return;
        var k = Split(n);
        if (m < k)
        {
            Path(leaves, m, start, k, proof);
            proof.Add(SubtreeHash(leaves, start + k, n - k));
        }
        else
        {
            Path(leaves, m - k, start + k, n - k, proof);
            proof.Add(SubtreeHash(leaves, start, k));
        }
    }

    // SUBPROOF(m, D[start:start+n], b); b says whether the old tree's root is this very subtree, which the
    // verifier already knows and so is left out.
    private static void SubProof(IReadOnlyList<byte[]> leaves, int m, int start, int n, bool b, List<byte[]> proof)
    {
        if (m == n)
        {
            if (!b)
                proof.Add(SubtreeHash(leaves, start, n));
            return;
        }
        var k = Split(n);
        if (m <= k)
        {
            SubProof(leaves, m, start, k, b, proof);
            proof.Add(SubtreeHash(leaves, start + k, n - k));
        }
        else
        {
            SubProof(leaves, m - k, start + k, n - k, false, proof);
            proof.Add(SubtreeHash(leaves, start, k));
        }
    }

    private static byte[] SubtreeHash(IReadOnlyList<byte[]> leaves, int start, int n)
    {
        var hash = new byte[MerkleHash.Length];
        SubtreeHash(leaves, start, n, hash);
        return hash;
    }

    // MTH(D[start:start+n]) for n >= 1, written into destination; children live on the stack, so hashing a
    // million leaves allocates nothing.
    private static void SubtreeHash(IReadOnlyList<byte[]> leaves, int start, int n, Span<byte> destination)
    {
        if (n == 1)
        {
            var leaf = leaves[start];
            if (leaf is not { Length: MerkleHash.Length })
                throw new ArgumentException($"Leaf hash {start} is not 32 bytes.", nameof(leaves));
            leaf.CopyTo(destination);
            return;
        }
        var k = Split(n);
        Span<byte> children = stackalloc byte[2 * MerkleHash.Length];
        SubtreeHash(leaves, start, k, children[..MerkleHash.Length]);
        SubtreeHash(leaves, start + k, n - k, children[MerkleHash.Length..]);
        MerkleHash.Node(children[..MerkleHash.Length], children[MerkleHash.Length..], destination);
    }

    /// <summary>The largest power of two smaller than n, for n >= 2: where RFC 9162 splits a tree.</summary>
    internal static int Split(int n) => 1 << BitOperations.Log2((uint)(n - 1));

    private static void CheckSize(IReadOnlyList<byte[]> leaves, long size, string name)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        ArgumentOutOfRangeException.ThrowIfNegative(size, name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, leaves.Count, name);
    }
}
