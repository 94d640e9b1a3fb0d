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
/// progress. Before sealing an event it checks that its link is held by a transaction seal carrying the key's MAC (see
/// <see cref="SealCheck"/>); an event that fails is never sealed, and the sealer stops.
/// </summary>
public sealed class Sealer : SubscriptionBase
{
    public const string SubscriptionName = "EventSealer";

    private readonly NpgsqlDataSource db;
    private readonly SealKey key;
    private readonly SealStatus status;
    private readonly ILogger<Sealer> logger;
    private readonly CommittedLinks committed;

    public Sealer(NpgsqlDataSource db, SealKey key, SealStatus status, CommittedLinks committed, ILogger<Sealer> logger)
    {
        (this.db, this.key, this.status, this.committed, this.logger) = (db, key, status, committed, logger);
        // The sealer reads each page's links itself, never the events' bodies. Asking the daemon for a type that is never
        // appended keeps it from loading and deserializing every event (a 100,000-record import is 250 MB of JSON): it
        // then hands over empty pages that still run up to its high-water mark.
        IncludeType<NoEventBodies>();
    }

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

        var (events, batches) = await SealCheck.ReadAsync(db, floor, page.SequenceCeiling, committed, ct);
        var verified = new HashSet<Guid>();
        foreach (var e in events)
        {
            if (SealCheck.Refuse(e, batches, verified, key) is { } refusal)
            {
                status.Refused(refusal);
                SealerLog.Refused(logger, e.Sequence, refusal);
                await controller.ReportCriticalFailureAsync(new SealRefusedException(refusal));
                return NullChangeListener.Instance;
            }
            var hash = Convert.FromHexString(e.Hash!);
            tree.Append(MerkleHash.Leaf(SealedLeaves.Entry(e.Sequence, hash)));
            leaves.Add(tree.Size - 1);
            sequences.Add(e.Sequence);
            hashes.Add(hash);
        }
        var now = DateTimeOffset.UtcNow;
        status.Sealed(now);
        if (leaves.Count == 0) return NullChangeListener.Instance;

        operations.QueueSqlCommand($"insert into {SealedLeaves.Table} (seq_id, leaf, hash) select * from unnest(?, ?, ?)",
            sequences.ToArray(), leaves.ToArray(), hashes.ToArray());
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

/// <summary>An event type never appended: see the <see cref="Sealer"/>'s constructor.</summary>
public sealed record NoEventBodies;

public sealed class SealRefusedException(string message) : Exception(message);
