using EventReview.Audit;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Audit;

public class MerkleTreeCompactRangeTests
{
    private const int Sizes = 300;

    private static readonly List<byte[]> Entries = NaiveMerkle.Entries(Sizes);

    [Fact]
    public void The_root_equals_the_rfc_root_of_the_whole_tree_at_every_size()
    {
        var range = new CompactRange();
        for (var n = 0; n <= Sizes; n++)
        {
            range.Size.ShouldBe(n);
            range.Root().ShouldBe(NaiveMerkle.Mth(Entries.GetRange(0, n)), $"size {n}");
            if (n < Sizes)
                range.Append(NaiveMerkle.LeafHash(Entries[n]));
        }
    }

    [Fact]
    public void A_restored_range_carries_on_exactly_like_the_original()
    {
        var range = new CompactRange();
        for (var n = 0; n < Sizes; n++)
        {
            var restored = CompactRange.Restore(range.Size, range.Hashes);
            var leaf = NaiveMerkle.LeafHash(Entries[n]);
            range.Append(leaf);
            restored.Append(leaf);
            restored.Size.ShouldBe(range.Size);
            restored.Hashes.ShouldBe(range.Hashes, $"size {n + 1}");
        }
    }

    [Fact]
    public void The_persisted_form_has_one_hash_per_set_bit_of_the_size()
    {
        var range = new CompactRange();
        for (var n = 0; n < 13; n++)
            range.Append(NaiveMerkle.LeafHash(Entries[n]));

        // 13 = 8 + 4 + 1: the roots of D[0:8], D[8:12] and D[12:13].
        range.Hashes.ShouldBe(new[] { Entries.GetRange(0, 8), Entries.GetRange(8, 4), Entries.GetRange(12, 1) }
            .Select(d => Convert.ToHexStringLower(NaiveMerkle.Mth(d))));
    }

    [Theory]
    [InlineData(13, 2)]
    [InlineData(13, 4)]
    [InlineData(0, 1)]
    [InlineData(8, 0)]
    public void Restore_refuses_a_hash_count_that_does_not_fit_the_size(long size, int count)
    {
        var hashes = Enumerable.Repeat(new string('a', 64), count).ToList();

        Should.Throw<AuditFormatException>(() => CompactRange.Restore(size, hashes)).Message.ShouldContain("subtree hashes");
    }

    [Fact]
    public void Restore_refuses_a_negative_size_and_malformed_hashes()
    {
        Should.Throw<AuditFormatException>(() => CompactRange.Restore(-1, []));
        Should.Throw<AuditFormatException>(() => CompactRange.Restore(1, [new string('A', 64)]));
        Should.Throw<AuditFormatException>(() => CompactRange.Restore(1, [new string('a', 62)]));
    }

    [Fact]
    public void Append_refuses_a_leaf_hash_of_the_wrong_length()
    {
        Should.Throw<ArgumentException>(() => new CompactRange().Append(new byte[31]));
    }

    [Fact]
    public void A_million_leaves_give_one_root_whether_appended_or_hashed_whole()
    {
        var leaves = Enumerable.Range(0, 1_000_000).Select(i => MerkleHash.Leaf(BitConverter.GetBytes(i))).ToList();
        var range = new CompactRange();
        leaves.ForEach(leaf => range.Append(leaf));
        var root = MerkleProofs.Root(leaves, leaves.Count);

        range.Root().ShouldBe(root);
        MerkleVerifier.VerifyInclusion(leaves[654_321], 654_321, leaves.Count, MerkleProofs.InclusionProof(leaves, 654_321, leaves.Count), root).ShouldBeTrue();
        MerkleVerifier.VerifyConsistency(777_777, leaves.Count, MerkleProofs.Root(leaves, 777_777), root, MerkleProofs.ConsistencyProof(leaves, 777_777, leaves.Count)).ShouldBeTrue();
    }
}
