using EventReview.Audit;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Audit;

/// <summary>
/// Known answers published with transparency-dev/merkle (commit 417fb0c3), which carries over the test vectors of
/// the Certificate Transparency C++ log: leaves, node and root hashes from testonly/constants.go, inclusion and
/// consistency proofs from cmd/proofgen/main.go. That repository numbers leaves from 1; the indexes here are 0-based.
/// </summary>
public class MerkleTreeTests
{
    private static readonly string[] Entries =
        ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

    private static readonly List<byte[]> Leaves = Entries.Select(e => MerkleHash.Leaf(Convert.FromHexString(e))).ToList();

    // testonly/constants.go NodeHashes(), level 0.
    private static readonly string[] LeafHashes =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
        "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
        "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
        "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
    ];

    // testonly/constants.go RootHashes(), by tree size 0..8.
    private static readonly string[] Roots =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    // Interior nodes from NodeHashes(), named by the leaf range [start, end) they cover.
    private const string N01 = "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125";
    private const string N23 = "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e";
    private const string N45 = "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a";
    private const string N67 = "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0";
    private const string N03 = "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7";
    private const string N47 = "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4";

    // cmd/proofgen/main.go inclusionProofs: (leaf index, tree size, audit path).
    public static TheoryData<int, int, string[]> InclusionVectors => new()
    {
        { 0, 1, [] },
        { 0, 8, [LeafHashes[1], N23, N47] },
        { 5, 8, [LeafHashes[4], N67, N03] },
        { 2, 3, [N01] },
        { 1, 5, [LeafHashes[0], N23, LeafHashes[4]] },
    };

    // cmd/proofgen/main.go consistencyProofs: (old size, new size, proof).
    public static TheoryData<int, int, string[]> ConsistencyVectors => new()
    {
        { 1, 1, [] },
        { 1, 8, [LeafHashes[1], N23, N47] },
        { 6, 8, [N45, N67, N03] },
        { 2, 5, [N23, LeafHashes[4]] },
        { 6, 7, [N45, LeafHashes[6], N03] },
    };

    [Fact]
    public void Leaf_hashes_are_the_published_ones()
    {
        Leaves.Select(leaf => MerkleHash.ToHex(leaf)).ShouldBe(LeafHashes);
    }

    [Fact]
    public void The_empty_root_is_sha256_of_nothing()
    {
        MerkleHash.ToHex(MerkleHash.Empty).ShouldBe(Roots[0]);
    }

    [Fact]
    public void Node_hashes_its_children_with_the_node_prefix()
    {
        MerkleHash.ToHex(MerkleHash.Node(Leaves[0], Leaves[1])).ShouldBe(N01);
        MerkleHash.ToHex(MerkleHash.Node(Convert.FromHexString(N03), Convert.FromHexString(N47))).ShouldBe(Roots[8]);
    }

    [Fact]
    public void Roots_of_every_size_are_the_published_ones()
    {
        Enumerable.Range(0, 9).Select(size => MerkleProofs.Root(Leaves, size)).Select(r => MerkleHash.ToHex(r)).ShouldBe(Roots);
    }

    [Fact]
    public void A_compact_range_holds_the_published_subtree_roots_at_every_size()
    {
        // testonly/constants.go CompactTrees(): the perfect subtrees on the right edge, largest first.
        string[][] expected =
        [
            [], [LeafHashes[0]], [N01], [N01, LeafHashes[2]], [N03], [N03, LeafHashes[4]], [N03, N45],
            [N03, N45, LeafHashes[6]], [Roots[8]],
        ];
        var range = new CompactRange();
        for (var size = 0; size <= 8; size++)
        {
            range.Hashes.ShouldBe(expected[size], $"size {size}");
            MerkleHash.ToHex(range.Root()).ShouldBe(Roots[size], $"size {size}");
            if (size < 8)
                range.Append(Leaves[size]);
        }
    }

    [Theory]
    [MemberData(nameof(InclusionVectors))]
    public void Inclusion_proofs_are_the_published_ones_and_verify(int index, int size, string[] path)
    {
        MerkleProofs.InclusionProof(Leaves, index, size).Select(h => MerkleHash.ToHex(h)).ShouldBe(path);
        MerkleVerifier.VerifyInclusion(Leaves[index], index, size, Hashes(path), Convert.FromHexString(Roots[size])).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(ConsistencyVectors))]
    public void Consistency_proofs_are_the_published_ones_and_verify(int oldSize, int newSize, string[] proof)
    {
        MerkleProofs.ConsistencyProof(Leaves, oldSize, newSize).Select(h => MerkleHash.ToHex(h)).ShouldBe(proof);
        MerkleVerifier.VerifyConsistency(oldSize, newSize, Convert.FromHexString(Roots[oldSize]), Convert.FromHexString(Roots[newSize]), Hashes(proof))
            .ShouldBeTrue();
    }

    private static List<byte[]> Hashes(string[] hex) => hex.Select(Convert.FromHexString).ToList();
}
