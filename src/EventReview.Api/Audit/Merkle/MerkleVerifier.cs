namespace EventReview.Audit;

/// <summary>
/// Proof checks that need only the proof, the sizes and the roots: the RFC 9162 algorithms 2.1.3.2 (inclusion)
/// and 2.1.4.2 (consistency), step for step. A verifier reads untrusted input, so anything malformed is simply
/// a proof that does not verify: false, never an exception.
/// </summary>
public static class MerkleVerifier
{
    public static bool VerifyInclusion(ReadOnlySpan<byte> leafHash, long index, long size, IReadOnlyList<byte[]>? proof, ReadOnlySpan<byte> root)
    {
        if (!WellFormed(proof) || index < 0 || index >= size
            || leafHash.Length != MerkleHash.Length || root.Length != MerkleHash.Length)
            return false;
        long fn = index, sn = size - 1;
        Span<byte> r = stackalloc byte[MerkleHash.Length];
        leafHash.CopyTo(r);
        foreach (var p in proof)
        {
            // A longer path than the tree is high cannot be genuine.
            if (sn == 0)
                return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.Node(p, r, r);
                while ((fn & 1) == 0 && fn != 0)
                    (fn, sn) = (fn >> 1, sn >> 1);
            }
            else
                MerkleHash.Node(r, p, r);
            (fn, sn) = (fn >> 1, sn >> 1);
        }
        return sn == 0 && r.SequenceEqual(root);
    }

    public static bool VerifyConsistency(long oldSize, long newSize, ReadOnlySpan<byte> oldRoot, ReadOnlySpan<byte> newRoot, IReadOnlyList<byte[]>? proof)
    {
        if (!WellFormed(proof) || oldSize < 0 || oldSize > newSize
            || oldRoot.Length != MerkleHash.Length || newRoot.Length != MerkleHash.Length)
            return false;
        if (oldSize == newSize)
            return proof.Count == 0 && oldRoot.SequenceEqual(newRoot) && (oldSize > 0 || oldRoot.SequenceEqual(MerkleHash.Empty));
        // Every tree extends the empty one, so there is nothing to prove; newRoot stays unchecked here.
        if (oldSize == 0)
            return proof.Count == 0 && oldRoot.SequenceEqual(MerkleHash.Empty);
        if (proof.Count == 0)
            return false;

        // Step 2: when the old tree is perfect, its root is a node of the new tree and the proof leaves it out.
        var oldIsPerfect = (oldSize & (oldSize - 1)) == 0;
        var first = oldIsPerfect ? oldRoot : proof[0];
        long fn = oldSize - 1, sn = newSize - 1;
        while ((fn & 1) == 1)
            (fn, sn) = (fn >> 1, sn >> 1);
        Span<byte> fr = stackalloc byte[MerkleHash.Length];
        Span<byte> sr = stackalloc byte[MerkleHash.Length];
        first.CopyTo(fr);
        first.CopyTo(sr);
        for (var i = oldIsPerfect ? 0 : 1; i < proof.Count; i++)
        {
            if (sn == 0)
                return false;
            var c = proof[i];
            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.Node(c, fr, fr);
                MerkleHash.Node(c, sr, sr);
                while ((fn & 1) == 0 && fn != 0)
                    (fn, sn) = (fn >> 1, sn >> 1);
            }
            else
                MerkleHash.Node(sr, c, sr);
            (fn, sn) = (fn >> 1, sn >> 1);
        }
        return sn == 0 && fr.SequenceEqual(oldRoot) && sr.SequenceEqual(newRoot);
    }

    private static bool WellFormed([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] IReadOnlyList<byte[]>? proof) =>
        proof is not null && proof.All(hash => hash is { Length: MerkleHash.Length });
}
