using Npgsql;

namespace EventReview.Audit;

/// <summary>Proofs over the sealed tree, for outsiders who hold only a tree head and the public seal key.</summary>
public static class SealedTree
{
    /// <summary>The first <paramref name="size"/> leaf hashes, in tree order.</summary>
    public static async Task<IReadOnlyList<byte[]>> LeafHashesAsync(NpgsqlDataSource db, long size, CancellationToken ct)
    {
        var leaves = new List<byte[]>((int)Math.Min(size, 1 << 24));
        await using var command = db.CreateCommand($"select seq_id, hash from {SealedLeaves.Table} where leaf < $1 order by seq_id");
        command.Parameters.Add(new NpgsqlParameter { Value = size });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) leaves.Add(MerkleHash.Leaf(SealedLeaves.Entry(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1))));
        return leaves.Count == size
            ? leaves
            : throw new AuditFormatException($"The tree should have {size} leaves but {leaves.Count} are stored; run eventreview verify.");
    }

    /// <summary>RFC 9162 consistency proof from <paramref name="old"/> to <paramref name="current"/>, checked before it is returned.</summary>
    public static async Task<ConsistencyProof> ProveConsistencyAsync(NpgsqlDataSource db, TreeHead old, TreeHead current, CancellationToken ct)
    {
        if (old.Size > current.Size)
            throw new AuditFormatException($"The checkpoint covers {old.Size} sealed events but the newest tree head only {current.Size}: the log was truncated.");
        var leaves = await LeafHashesAsync(db, current.Size, ct);
        var proof = MerkleProofs.ConsistencyProof(leaves, old.Size, current.Size);
        var consistent = MerkleVerifier.VerifyConsistency(old.Size, current.Size, MerkleHash.FromHex(old.Root), MerkleHash.FromHex(current.Root), proof);
        return new ConsistencyProof(old, current, [.. proof.Select(p => MerkleHash.ToHex(p))], consistent);
    }

    /// <summary>RFC 9162 inclusion proof of one sealed event in the tree of <paramref name="head"/>.</summary>
    public static async Task<InclusionProof> ProveInclusionAsync(NpgsqlDataSource db, long leaf, TreeHead head, CancellationToken ct)
    {
        var leaves = await LeafHashesAsync(db, head.Size, ct);
        var proof = MerkleProofs.InclusionProof(leaves, leaf, head.Size);
        return new InclusionProof(leaf, MerkleHash.ToHex(leaves[(int)leaf]), head, [.. proof.Select(p => MerkleHash.ToHex(p))]);
    }
}

/// <summary>That the tree of <see cref="Old"/> is the beginning of the tree of <see cref="Current"/>.</summary>
public sealed record ConsistencyProof(TreeHead Old, TreeHead Current, IReadOnlyList<string> Proof, bool Consistent);

/// <summary>That leaf <see cref="LeafIndex"/> (hash <see cref="LeafHash"/>) is in the tree of <see cref="TreeHead"/>.</summary>
public sealed record InclusionProof(long LeafIndex, string LeafHash, TreeHead TreeHead, IReadOnlyList<string> Proof);
