using System.Security.Cryptography;
using System.Text;

namespace EventReview.Seed;

/// <summary>
/// Name-based ids (RFC 9562 version 5: SHA-1 of a namespace and a name), so every load of the seed gives its
/// review and searches the same ids on any database, and a client can know the seed review's id in advance.
/// </summary>
public static class SeedIds
{
    /// <summary>The namespace of every seed id. Never change it: it would give the seed review a new id.</summary>
    public static readonly Guid Namespace = new("6d1f3b2a-58c4-4e0f-9a7b-2c5e8d41f903");

    public static Guid Create(string name) => Create(Namespace, name);

    public static Guid Create(Guid ns, string name)
    {
        Span<byte> input = stackalloc byte[16];
        ns.TryWriteBytes(input, bigEndian: true, out _);
        var bytes = new byte[16 + Encoding.UTF8.GetByteCount(name)];
        input.CopyTo(bytes);
        Encoding.UTF8.GetBytes(name, bytes.AsSpan(16));
#pragma warning disable CA5350 // SHA-1 is what RFC 9562 prescribes for name-based ids; nothing here is a security boundary.
        var hash = SHA1.HashData(bytes);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014): a tiny generator whose output is fixed by its seed on every platform and
/// runtime version, unlike <see cref="Random"/>, whose seeded sequence is an implementation detail.
/// </summary>
public sealed class SeededRandom(ulong seed)
{
    private ulong state = seed;

    public ulong Next()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1), from the top 53 bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, n), by scaling a 53-bit fraction (for n of a few thousand the bias is below 1e-12).</summary>
    public int NextInt(int n) => (int)(NextDouble() * n);

    /// <summary>A Fisher-Yates shuffle of a copy of <paramref name="items"/>.</summary>
    public List<T> Shuffle<T>(IEnumerable<T> items)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }

    /// <summary>A value in [0, 1) fixed by the seed and the given keys alone, independent of any other draw.</summary>
    public static double Uniform(ulong seed, params ulong[] keys)
    {
        var mixed = seed;
        foreach (var key in keys) mixed = new SeededRandom(mixed ^ key).Next();
        return (mixed >> 11) * (1.0 / (1UL << 53));
    }
}
