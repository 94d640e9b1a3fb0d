using EventReview.Hosting;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EventReview.Audit;

/// <summary>
/// Appends every event to the Merkle tree, in sequence order, once no transaction that could still commit an earlier
/// sequence number is alive: it is a Marten subscription, so the async daemon hands it pages below its high-water
/// mark, runs exactly one copy per database (hot/cold, on an advisory lock), and commits each page's leaves with its
/// progress. Before sealing an event it checks that the event's stored columns still hash to its chain link and that
/// the link's transaction seal carries the key's MAC; an event that fails is never sealed, and the sealer stops.
/// </summary>
public sealed class Sealer(NpgsqlDataSource db, SealKey key, SealStatus status, ILogger<Sealer> logger) : SubscriptionBase
{
    public const string SubscriptionName = "EventSealer";

    private const string PageSql = $"""
        select {EventLog.Columns}, b.data ->> 'mac', (b.data -> 'hashes')::text
        from {EventStoreSetup.Schema}.mt_events e {EventLog.LinkJoin}
        left join {EventStoreSetup.Schema}.mt_doc_chainbatch b on b.id = (l.data ->> 'batch')::uuid
        where e.seq_id > $1 and e.seq_id <= $2 and {EventLog.NotTombstone}
        order by e.seq_id
        """;

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var last = await SealStore.NewestBlockAsync(db, ct);
        // Never seal a sequence twice, even if the daemon's progress was set back.
        var floor = Math.Max(page.SequenceFloor, last?.LastSequence ?? 0);
        var tree = last is null ? new CompactRange() : CompactRange.Restore(last.Size, last.Frontier);
        var firstLeaf = tree.Size;
        var (leaves, sequences, hashes) = (new List<long>(), new List<long>(), new List<byte[]>());

        await using (var command = db.CreateCommand(PageSql))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = floor });
            command.Parameters.Add(new NpgsqlParameter { Value = page.SequenceCeiling });
            await using var reader = await command.ExecuteReaderAsync(ct);
            var batches = new Dictionary<Guid, ChainBatch?>();
            while (await reader.ReadAsync(ct))
            {
                var e = EventLog.Read(reader);
                if (SealCheck.Refuse(e, SealCheck.ReadBatch(reader, EventLog.BatchOf(reader), 15, batches), key) is { } refusal)
                {
                    status.Refused(refusal);
                    SealerLog.Refused(logger, e.Sequence, refusal);
                    await controller.ReportCriticalFailureAsync(new SealRefusedException(refusal));
                    return NullChangeListener.Instance;
                }
                var hash = Convert.FromHexString(e.Hash);
                tree.Append(MerkleHash.Leaf(SealedLeaves.Entry(e.Sequence, hash)));
                leaves.Add(tree.Size - 1);
                sequences.Add(e.Sequence);
                hashes.Add(hash);
            }
        }
        var now = DateTimeOffset.UtcNow;
        status.Sealed(tree.Size, now);
        if (leaves.Count == 0) return NullChangeListener.Instance;

        operations.QueueSqlCommand($"insert into {SealedLeaves.Table} (leaf, seq_id, hash) select * from unnest(?, ?, ?)",
            leaves.ToArray(), sequences.ToArray(), hashes.ToArray());
        operations.Insert(new SealBlock(tree.Size, firstLeaf, sequences[^1], last?.Log ?? Guid.NewGuid().ToString("D"),
            tree.Hashes, Convert.ToHexStringLower(tree.Root()), ChainTimestamp.Normalize(now)));
        return NullChangeListener.Instance;
    }
}

internal static partial class SealerLog
{
    [LoggerMessage(Level = LogLevel.Critical, Message = "The sealer refuses sequence {Sequence} and stops: {Refusal}")]
    public static partial void Refused(ILogger logger, long sequence, string refusal);
}

public sealed class SealRefusedException(string message) : Exception(message);
