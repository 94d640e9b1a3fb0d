using System.Text.Json;
using EventReview.Hosting;
using Npgsql;

namespace EventReview.Audit;

/// <summary>The checks that compare whole tables: stream rows, links without events, transaction seals.</summary>
public static class LogTables
{
    private const string S = EventStoreSetup.Schema;

    private const string Streams = $"""
        select coalesce(s.id, e.stream_id)::text, s.version, e.max_version, e.events
        from {S}.mt_streams s
        full join (select stream_id, max(version) max_version, count(*) events from {S}.mt_events e where {EventLog.NotTombstone} group by stream_id) e
          on e.stream_id = s.id
        -- A row without a type or events is Marten's tombstone stream (see EventLog.Tombstone).
        where (s.id is null or e.stream_id is null or s.version <> e.max_version or e.events <> e.max_version)
          and not (s.type is null and e.stream_id is null)
        limit 1
        """;

    private const string Orphans = $"""
        select l.id from {S}.mt_doc_chainlink l
        left join {S}.mt_events e on l.id = e.stream_id::text || ':' || e.version
        where e.seq_id is null limit 1
        """;

    private const string Batches = $"""
        select coalesce(b.id, l.batch), b.data ->> 'mac', (b.data -> 'hashes')::text, l.hashes
        from {S}.mt_doc_chainbatch b
        full join (select (data ->> 'batch')::uuid batch, array_agg(data ->> 'hash') hashes from {S}.mt_doc_chainlink group by 1) l
          on l.batch = b.id
        """;

    public static async Task CheckAsync(NpgsqlDataSource db, SealKey key, List<AuditFinding> findings, CancellationToken ct)
    {
        await using (var command = db.CreateCommand(Streams))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            if (await reader.ReadAsync(ct))
                findings.Add(new AuditFinding(AuditFindingKind.Stream, null, reader.GetString(0), null, StreamMessage(reader), AuditActions.Investigate));

        await using (var command = db.CreateCommand(Orphans))
            if (await command.ExecuteScalarAsync(ct) is string link)
                findings.Add(new AuditFinding(AuditFindingKind.OrphanLink, null, link.Split(':')[0], long.Parse(link.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture),
                    $"Chain link {link} has no event: the event was deleted.", AuditActions.Investigate));

        if (key.CanSign) await CheckBatchesAsync(db, key, findings, ct);
    }

    private static string StreamMessage(NpgsqlDataReader reader)
    {
        var id = reader.GetString(0);
        if (reader.IsDBNull(1)) return $"Stream {id} has events but no stream row.";
        if (reader.IsDBNull(2)) return $"Stream {id} has a stream row (version {reader.GetInt64(1)}) but no events: they were deleted.";
        return $"Stream {id} is at version {reader.GetInt64(1)} but has {reader.GetInt64(3)} events up to version {reader.GetInt64(2)}: events were deleted or the stream row was changed.";
    }

    private static async Task CheckBatchesAsync(NpgsqlDataSource db, SealKey key, List<AuditFinding> findings, CancellationToken ct)
    {
        await using var command = db.CreateCommand(Batches);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var id = reader.IsDBNull(0) ? (Guid?)null : reader.GetGuid(0);
            var links = reader.IsDBNull(3) ? [] : reader.GetFieldValue<string[]>(3);
            string? problem = null;
            if (id is null) problem = $"{links.Length} chain links name no transaction seal: they were written without the seal key.";
            else if (reader.IsDBNull(1)) problem = $"Chain links name transaction seal {id}, which does not exist: they were written without the seal key.";
            else
            {
                var batch = new ChainBatch(id.Value, JsonSerializer.Deserialize<List<string>>(reader.GetString(2)) ?? [], reader.GetString(1));
                if (!batch.IsSealedBy(key)) problem = $"Transaction seal {id} does not carry the seal key's MAC: it was forged or changed.";
                else if (links.Except(batch.Hashes).Any()) problem = $"A chain link names transaction seal {id} but is not among the links it seals: it was forged.";
                else if (batch.Hashes.Except(links).Any()) problem = $"Transaction seal {id} seals a chain link that no longer exists: its event was deleted.";
            }
            if (problem is null) continue;
            findings.Add(new AuditFinding(AuditFindingKind.TransactionSeal, null, null, null, problem, AuditActions.Investigate));
            return;
        }
    }
}
