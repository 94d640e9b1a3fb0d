using System.Text.Json;
using EventReview.Hosting;
using Npgsql;

namespace EventReview.Audit;

/// <summary>One event as the sealer reads it: its sequence, its link's hash, hash format and transaction seal, or that this
/// process committed the link itself (<paramref name="Committed"/>).</summary>
public sealed record LinkedEvent(long Sequence, Guid StreamId, long Version, string? Hash, int Format, Guid? Batch, bool Committed = false);

/// <summary>
/// What must hold of an event before it is sealed: its link is a format-2 link that a transaction seal with the key's
/// MAC holds. The sealer leaves the event's content to `verify`: a leaf keeps the link's hash, so content changed before
/// sealing no longer hashes to its leaf, and a link rewritten to match is in no seal.
/// </summary>
public static class SealCheck
{
    private const string Events = $"""
        select e.seq_id, e.stream_id, e.version
        from {EventStoreSetup.Schema}.mt_events e
        where e.seq_id > $1 and e.seq_id <= $2 and {EventLog.NotTombstone}
        order by e.seq_id
        """;

    private const string Links = $"""
        select id, data ->> 'hash', coalesce((data ->> 'format')::int, 1), (data ->> 'batch')::uuid
        from {EventStoreSetup.Schema}.mt_doc_chainlink where id = any($1)
        """;

    private const string Batches = $"select id, data ->> 'mac', (data -> 'hashes')::text from {EventStoreSetup.Schema}.mt_doc_chainbatch where id = any($1)";

    /// <summary>
    /// The events in (<paramref name="floor"/>, <paramref name="ceiling"/>] with their links, and the seals those name:
    /// the links this process committed come from <paramref name="committed"/> (already known good), the rest from the database.
    /// </summary>
    public static async Task<(List<LinkedEvent> Events, Dictionary<Guid, ChainBatch> Batches)> ReadAsync(NpgsqlDataSource db, long floor,
        long ceiling, CommittedLinks committed, CancellationToken ct)
    {
        var events = new List<LinkedEvent>();
        var unknown = new List<int>();
        await using (var command = db.CreateCommand(Events))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = floor });
            command.Parameters.Add(new NpgsqlParameter { Value = ceiling });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var (sequence, stream, version) = (reader.GetInt64(0), reader.GetGuid(1), reader.GetInt64(2));
                var known = committed.Take(stream, version);
                if (known is null) unknown.Add(events.Count);
                events.Add(new LinkedEvent(sequence, stream, version, known, CanonicalEvent.CurrentFormat, null, Committed: known is not null));
            }
        }
        var batches = new Dictionary<Guid, ChainBatch>();
        if (unknown.Count == 0) return (events, batches);

        var links = new Dictionary<string, (string Hash, int Format, Guid? Batch)>(StringComparer.Ordinal);
        await using (var command = db.CreateCommand(Links))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = unknown.Select(i => ChainLink.IdFor(events[i].StreamId, events[i].Version)).ToArray() });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                links[reader.GetString(0)] = (reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetGuid(3));
        }
        foreach (var i in unknown)
            events[i] = links.TryGetValue(ChainLink.IdFor(events[i].StreamId, events[i].Version), out var link)
                ? events[i] with { Hash = link.Hash, Format = link.Format, Batch = link.Batch }
                : events[i];

        var ids = unknown.Select(i => events[i].Batch).OfType<Guid>().Distinct().ToArray();
        if (ids.Length == 0) return (events, batches);
        await using (var command = db.CreateCommand(Batches))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = ids });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var hashes = JsonSerializer.Deserialize<List<string>>(reader.GetString(2)) ?? [];
                batches[reader.GetGuid(0)] = new ChainBatch(reader.GetGuid(0), hashes, reader.GetString(1));
            }
        }
        return (events, batches);
    }

    /// <summary>Why <paramref name="e"/> must not be sealed, or null. <paramref name="verified"/> remembers the seals whose MAC was checked.</summary>
    public static string? Refuse(LinkedEvent e, IReadOnlyDictionary<Guid, ChainBatch> batches, HashSet<Guid> verified, SealKey key)
    {
        if (e.Committed) return null;
        var at = $"Sequence {e.Sequence} (stream {e.StreamId}, version {e.Version})";
        if (e.Hash is null) return $"{at} has no chain link.";
        if (e.Format != CanonicalEvent.CurrentFormat)
            return $"{at} has a link in hash format {e.Format}; only format {CanonicalEvent.CurrentFormat} links are written.";
        if (e.Batch is not { } id || !batches.TryGetValue(id, out var batch)) return $"{at} has a chain link that no transaction seal holds.";
        if (!verified.Contains(id))
        {
            if (!batch.IsSealedBy(key)) return $"{at}: transaction seal {id} does not carry the seal key's MAC.";
            verified.Add(id);
        }
        return batch.Hashes.Contains(e.Hash) ? null : $"{at}: transaction seal {id} does not hold its link.";
    }
}
