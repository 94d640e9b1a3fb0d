using System.Security.Cryptography;
using System.Text;

namespace EventReview.Tests.Audit;

/// <summary>
/// RFC 9162 section 2.1 written out literally, slicing lists just as the text slices D[n]: MTH (2.1.1),
/// PATH (2.1.3.1), PROOF and SUBPROOF (2.1.4.1). Slow, obviously right, and sharing no code with the production
/// Merkle classes, so it can judge them.
/// </summary>
internal static class NaiveMerkle
{
    /// <summary>Entries of differing lengths, so a leaf hash that dropped or padded bytes would show.</summary>
    public static List<byte[]> Entries(int n) => Enumerable.Range(0, n).Select(i => Encoding.UTF8.GetBytes($"event {i}")).ToList();

    public static byte[] LeafHash(byte[] entry) => SHA256.HashData([0x00, .. entry]);

    public static byte[] Mth(List<byte[]> d)
    {
        if (d.Count == 0)
            return SHA256.HashData(Array.Empty<byte>());
        if (d.Count == 1)
            return LeafHash(d[0]);
        var k = K(d.Count);
        return SHA256.HashData([0x01, .. Mth(d.GetRange(0, k)), .. Mth(d.GetRange(k, d.Count - k))]);
    }

    public static List<byte[]> Path(int m, List<byte[]> d)
    {
        var n = d.Count;
        if (n == 1)
            return [];
        var k = K(n);
        return m < k
            ? [.. Path(m, d.GetRange(0, k)), Mth(d.GetRange(k, n - k))]
            : [.. Path(m - k, d.GetRange(k, n - k)), Mth(d.GetRange(0, k))];
    }

    public static List<byte[]> Proof(int m, List<byte[]> d) => SubProof(m, d, true);

    private static List<byte[]> SubProof(int m, List<byte[]> d, bool b)
    {
        var n = d.Count;
        if (m == n)
            return b ? [] : [Mth(d)];
        var k = K(n);
        return m <= k
            ? [.. SubProof(m, d.GetRange(0, k), b), Mth(d.GetRange(k, n - k))]
            : [.. SubProof(m - k, d.GetRange(k, n - k), false), Mth(d.GetRange(0, k))];
    }

    // "the largest power of two smaller than n", by counting rather than by bit tricks.
    public static int K(int n)
    {
        var k = 1;
        while (k * 2 < n)
            k *= 2;
        return k;
    }
}
