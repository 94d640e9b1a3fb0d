using EventReview.Audit;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Audit;

/// <summary>
/// The verifiers against genuine proofs from NaiveMerkle for every small tree, and against each way of spoiling
/// one: the kinds of change the transparency-dev/merkle probes in testdata/ make.
/// </summary>
public class MerkleTreeVerifierTests
{
    private const int Small = 64;

    private static readonly List<byte[]> Entries = NaiveMerkle.Entries(Small);

    private static readonly byte[][] Roots = Enumerable.Range(0, Small + 1).Select(n => NaiveMerkle.Mth(Entries.GetRange(0, n))).ToArray();

    private static readonly byte[] EmptyRoot = Convert.FromHexString("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

    [Fact]
    public void Every_genuine_inclusion_proof_verifies_and_every_spoiled_one_fails()
    {
        for (var n = 1; n <= Small; n++)
            for (var m = 0; m < n; m++)
            {
                var leaf = NaiveMerkle.LeafHash(Entries[m]);
                var proof = NaiveMerkle.Path(m, Entries.GetRange(0, n));
                MerkleVerifier.VerifyInclusion(leaf, m, n, proof, Roots[n]).ShouldBeTrue($"leaf {m} of {n}");

                foreach (var (spoiled, what) in Spoiled(proof, Roots[n]))
                    MerkleVerifier.VerifyInclusion(leaf, m, n, spoiled, Roots[n]).ShouldBeFalse($"leaf {m} of {n}, {what}");
                foreach (var other in new[] { m - 1, m + 1, m ^ 2, n })
                    if (other != m)
                        MerkleVerifier.VerifyInclusion(leaf, other, n, proof, Roots[n]).ShouldBeFalse($"leaf {m} of {n} as leaf {other}");
                // A path says nothing of the tree beyond its own shape: it fits every size with the same shape.
                for (var size = m + 1; size <= Small; size++)
                    if (size != n)
                        MerkleVerifier.VerifyInclusion(leaf, m, size, proof, Roots[n])
                            .ShouldBe(PathShape(m, size) == PathShape(m, n), $"leaf {m} of {n} in size {size}");
                MerkleVerifier.VerifyInclusion(Flip(leaf), m, n, proof, Roots[n]).ShouldBeFalse($"leaf {m} of {n}, other leaf");
                MerkleVerifier.VerifyInclusion(leaf, m, n, proof, Flip(Roots[n])).ShouldBeFalse($"leaf {m} of {n}, other root");
            }
    }

    [Fact]
    public void Every_genuine_consistency_proof_verifies_and_every_spoiled_one_fails()
    {
        for (var n = 1; n <= Small; n++)
            for (var m = 1; m <= n; m++)
            {
                var proof = NaiveMerkle.Proof(m, Entries.GetRange(0, n));
                MerkleVerifier.VerifyConsistency(m, n, Roots[m], Roots[n], proof).ShouldBeTrue($"{m} to {n}");

                foreach (var (spoiled, what) in Spoiled(proof, Roots[n]))
                    MerkleVerifier.VerifyConsistency(m, n, Roots[m], Roots[n], spoiled).ShouldBeFalse($"{m} to {n}, {what}");
                foreach (var (oldSize, newSize) in new[] { (m - 1, n), (m + 1, n), (m, n - 1), (m, n + 1), (m, 2 * n), (n, m) })
                    if ((oldSize, newSize) != (m, n))
                        MerkleVerifier.VerifyConsistency(oldSize, newSize, Roots[m], Roots[n], proof)
                            .ShouldBe(0 < oldSize && oldSize < newSize && ProofShape(oldSize, newSize, true) == ProofShape(m, n, true),
                                $"{m} to {n} as {oldSize} to {newSize}");
                MerkleVerifier.VerifyConsistency(m, n, Flip(Roots[m]), Roots[n], proof).ShouldBeFalse($"{m} to {n}, other old root");
                MerkleVerifier.VerifyConsistency(m, n, Roots[m], Flip(Roots[n]), proof).ShouldBeFalse($"{m} to {n}, other new root");
            }
    }

    [Fact]
    public void Equal_sizes_need_an_empty_proof_and_equal_roots()
    {
        MerkleVerifier.VerifyConsistency(5, 5, Roots[5], Roots[5], []).ShouldBeTrue();
        MerkleVerifier.VerifyConsistency(5, 5, Roots[5], Roots[4], []).ShouldBeFalse();
        // transparency-dev testdata/consistency/additional/sizes-match-but-proof-is-not-empty-and-sizes-are-one.json
        MerkleVerifier.VerifyConsistency(1, 1, Roots[1], Roots[1], [Roots[1]]).ShouldBeFalse();
    }

    [Fact]
    public void The_empty_tree_is_consistent_with_every_tree_but_only_under_its_own_root()
    {
        MerkleVerifier.VerifyConsistency(0, 0, EmptyRoot, EmptyRoot, []).ShouldBeTrue();
        MerkleVerifier.VerifyConsistency(0, 7, EmptyRoot, Roots[7], []).ShouldBeTrue();
        MerkleVerifier.VerifyConsistency(0, 0, Roots[1], Roots[1], []).ShouldBeFalse();
        MerkleVerifier.VerifyConsistency(0, 7, Roots[1], Roots[7], []).ShouldBeFalse();
        MerkleVerifier.VerifyConsistency(0, 7, EmptyRoot, Roots[7], [Roots[7]]).ShouldBeFalse();
    }

    [Fact]
    public void Malformed_input_is_a_failed_proof_not_an_exception()
    {
        var leaf = NaiveMerkle.LeafHash(Entries[0]);
        var proof = NaiveMerkle.Path(0, Entries.GetRange(0, 2));
        MerkleVerifier.VerifyInclusion(leaf, 0, 2, null, Roots[2]).ShouldBeFalse();
        MerkleVerifier.VerifyInclusion(leaf, 0, 2, [proof[0][..31]], Roots[2]).ShouldBeFalse();
        MerkleVerifier.VerifyInclusion(leaf.AsSpan(..31), 0, 2, proof, Roots[2]).ShouldBeFalse();
        MerkleVerifier.VerifyInclusion(leaf, 0, 2, proof, [.. Roots[2], 0]).ShouldBeFalse();
        MerkleVerifier.VerifyInclusion(leaf, -1, 2, proof, Roots[2]).ShouldBeFalse();
        MerkleVerifier.VerifyInclusion(leaf, 0, 0, [], EmptyRoot).ShouldBeFalse();
        MerkleVerifier.VerifyConsistency(1, 2, Roots[1], Roots[2], null).ShouldBeFalse();
        MerkleVerifier.VerifyConsistency(1, 2, Roots[1], Roots[2], [new byte[33]]).ShouldBeFalse();
        MerkleVerifier.VerifyConsistency(1, 2, Roots[1], [], [NaiveMerkle.LeafHash(Entries[1])]).ShouldBeFalse();
        MerkleVerifier.VerifyConsistency(-1, 2, Roots[1], Roots[2], []).ShouldBeFalse();
        MerkleVerifier.VerifyConsistency(3, 2, Roots[3], Roots[2], []).ShouldBeFalse();
        MerkleVerifier.VerifyConsistency(2, 3, Roots[2], Roots[3], []).ShouldBeFalse();
    }

    // Where each hash of PATH(m, D[n]) sits: R for the right subtree D[k:n], L for the left one D[0:k].
    private static string PathShape(int m, int n)
    {
        if (n == 1)
            return "";
        var k = NaiveMerkle.K(n);
        return m < k ? PathShape(m, k) + "R" : PathShape(m - k, n - k) + "L";
    }

    // The same for SUBPROOF(m, D[n], b), with S for the hash of the old tree's last subtree when the proof holds it.
    private static string ProofShape(int m, int n, bool b)
    {
        if (m == n)
            return b ? "" : "S";
        var k = NaiveMerkle.K(n);
        return m <= k ? ProofShape(m, k, b) + "R" : ProofShape(m - k, n - k, false) + "L";
    }

    // A bit flipped in each hash, the last hash dropped, and a hash added after and before the others.
    private static IEnumerable<(List<byte[]> Proof, string What)> Spoiled(List<byte[]> proof, byte[] root)
    {
        for (var i = 0; i < proof.Count; i++)
            yield return ([.. proof[..i], Flip(proof[i]), .. proof[(i + 1)..]], $"bit flipped in hash {i}");
        if (proof.Count > 0)
            yield return (proof[..^1], "truncated");
        yield return ([.. proof, root], "root appended");
        yield return ([.. proof, new byte[32]], "zeros appended");
        yield return ([root, .. proof], "root prepended");
    }

    private static byte[] Flip(byte[] hash)
    {
        var copy = (byte[])hash.Clone();
        copy[0] ^= 0x08;
        return copy;
    }
}
