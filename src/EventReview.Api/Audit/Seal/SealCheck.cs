using System.Text.Json;
using Npgsql;

namespace EventReview.Audit;

/// <summary>What must hold of an event before it is sealed, and what verification asks of every event again.</summary>
public static class SealCheck
{
    /// <summary>Why <paramref name="e"/> must not be sealed, or null when its columns hash to its link and a valid seal holds the link.</summary>
    public static string? Refuse(ChainedEvent e, ChainBatch? batch, SealKey key)
    {
        if (e.Hash.Length == 0) return $"Sequence {e.Sequence} (stream {e.StreamId}, version {e.StreamVersion}) has no chain link.";
        if (e.HashFormat != CanonicalEvent.CurrentFormat)
            return $"Sequence {e.Sequence} has a link in hash format {e.HashFormat}; only format {CanonicalEvent.CurrentFormat} links are written.";
        string recomputed;
        try
        {
            recomputed = HashChain.Compute(e.PreviousHash, e.ToCanonical());
        }
        catch (AuditFormatException ex)
        {
            return $"Sequence {e.Sequence} cannot be canonicalized: {ex.Message}";
        }
        if (recomputed != e.Hash) return $"Sequence {e.Sequence} (stream {e.StreamId}, version {e.StreamVersion}) no longer matches its chain link.";
        if (batch is null) return $"Sequence {e.Sequence} has a chain link that no transaction seal holds.";
        if (!batch.Hashes.Contains(e.Hash)) return $"Sequence {e.Sequence}: transaction seal {batch.Id} does not hold its link.";
        if (!batch.IsSealedBy(key)) return $"Sequence {e.Sequence}: transaction seal {batch.Id} does not carry the seal key's MAC.";
        return null;
    }

    /// <summary>The seal in columns <paramref name="macColumn"/> (its MAC) and the next (its hashes), read once per batch.</summary>
    public static ChainBatch? ReadBatch(NpgsqlDataReader reader, Guid? id, int macColumn, Dictionary<Guid, ChainBatch?> read)
    {
        if (id is not { } batchId) return null;
        if (read.TryGetValue(batchId, out var known)) return known;
        ChainBatch? batch = null;
        if (!reader.IsDBNull(macColumn) && !reader.IsDBNull(macColumn + 1))
        {
            var hashes = JsonSerializer.Deserialize<List<string>>(reader.GetString(macColumn + 1)) ?? [];
            batch = new ChainBatch(batchId, hashes, reader.GetString(macColumn));
        }
        return read[batchId] = batch;
    }
}
