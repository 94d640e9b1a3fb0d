using EventReview.Audit;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Audit;

/// <summary>The production tree against the literal RFC 9162 recursions in NaiveMerkle, over every small tree.</summary>
public class MerkleTreeReferenceTests
{
    private const int Small = 64;

    private static readonly List<byte[]> Entries = NaiveMerkle.Entries(1025);

    private static readonly List<byte[]> Leaves = Entries.Select(e => MerkleHash.Leaf(e)).ToList();

    public static TheoryData<int> LargerSizes => [1000, 1023, 1024, 1025];

    [Fact]
    public void Leaf_hashes_match_the_rfc()
    {
        Leaves.ShouldBe(Entries.Select(NaiveMerkle.LeafHash).ToList());
    }

    [Fact]
    public void Roots_match_the_rfc_at_every_small_size()
    {
        for (var n = 0; n <= Small; n++)
            MerkleProofs.Root(Leaves, n).ShouldBe(NaiveMerkle.Mth(Entries.GetRange(0, n)), $"size {n}");
    }

    [Fact]
    public void Inclusion_proofs_match_the_rfc_for_every_leaf_of_every_small_tree()
    {
        for (var n = 1; n <= Small; n++)
            for (var m = 0; m < n; m++)
                MerkleProofs.InclusionProof(Leaves, m, n).ShouldBe(NaiveMerkle.Path(m, Entries.GetRange(0, n)), $"leaf {m} of {n}");
    }

    [Fact]
    public void Consistency_proofs_match_the_rfc_for_every_pair_of_small_sizes()
    {
        for (var n = 1; n <= Small; n++)
            for (var m = 1; m <= n; m++)
                MerkleProofs.ConsistencyProof(Leaves, m, n).ShouldBe(NaiveMerkle.Proof(m, Entries.GetRange(0, n)), $"{m} to {n}");
    }

    [Fact]
    public void A_consistency_proof_from_the_empty_tree_is_empty()
    {
        MerkleProofs.ConsistencyProof(Leaves, 0, 0).ShouldBeEmpty();
        MerkleProofs.ConsistencyProof(Leaves, 0, 7).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(LargerSizes))]
    public void Larger_trees_match_the_rfc_at_their_edges_and_at_random_points(int n)
    {
        var d = Entries.GetRange(0, n);
        MerkleProofs.Root(Leaves, n).ShouldBe(NaiveMerkle.Mth(d));
        var random = new Random(n);
        foreach (var m in new[] { 0, 1, n / 2, n - 2, n - 1 }.Concat(Enumerable.Range(0, 6).Select(_ => random.Next(n))))
        {
            MerkleProofs.InclusionProof(Leaves, m, n).ShouldBe(NaiveMerkle.Path(m, d), $"leaf {m}");
            if (m > 0)
                MerkleProofs.ConsistencyProof(Leaves, m, n).ShouldBe(NaiveMerkle.Proof(m, d), $"from {m}");
        }
    }

    [Fact]
    public void Proofs_reject_sizes_and_indexes_outside_the_leaves()
    {
        var leaves = Leaves.GetRange(0, 5);
        Should.Throw<ArgumentOutOfRangeException>(() => MerkleProofs.Root(leaves, 6));
        Should.Throw<ArgumentOutOfRangeException>(() => MerkleProofs.InclusionProof(leaves, 5, 5));
        Should.Throw<ArgumentOutOfRangeException>(() => MerkleProofs.InclusionProof(leaves, -1, 5));
        Should.Throw<ArgumentOutOfRangeException>(() => MerkleProofs.ConsistencyProof(leaves, 4, 3));
        Should.Throw<ArgumentOutOfRangeException>(() => MerkleProofs.ConsistencyProof(leaves, 3, 6));
    }

    [Fact]
    public void A_leaf_hash_of_the_wrong_length_is_refused()
    {
        List<byte[]> leaves = [Leaves[0], new byte[31]];

        Should.Throw<ArgumentException>(() => MerkleProofs.Root(leaves, 2));
    }
}
