using System.Text;

namespace EventReview.Audit;

/// <summary>
/// The chain links one transaction wrote, sealed with the seal key's MAC: an event inserted by someone who holds the
/// database's credentials but not the key has a link no batch seals, and the sealer refuses it. One MAC per transaction,
/// so a 1,000-record import batch costs one.
/// </summary>
public sealed record ChainBatch(Guid Id, IReadOnlyList<string> Hashes, string Mac)
{

    /// <summary>Seals <paramref name="links"/> as one batch and returns them naming it.</summary>
    public static (ChainBatch Batch, IReadOnlyList<ChainLink> Links) Seal(SealKey key, IReadOnlyList<ChainLink> links)
    {
        var id = Guid.CreateVersion7();
        var hashes = links.Select(l => l.Hash).ToList();
        return (new ChainBatch(id, hashes, key.Mac(MacInput(id, hashes))), links.Select(l => l with { Batch = id }).ToList());
    }

    public bool IsSealedBy(SealKey key) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Mac), Encoding.ASCII.GetBytes(key.Mac(MacInput(Id, Hashes))));

    /// <summary>Exactly what the MAC covers: a label, the batch id and each link hash, one per line (ASCII).</summary>
    public static byte[] MacInput(Guid id, IEnumerable<string> hashes) =>
        Encoding.ASCII.GetBytes("eventreview-transaction-seal\n" + id.ToString("D") + "\n" + string.Join("\n", hashes));
}
