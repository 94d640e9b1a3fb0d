using System.Collections.Concurrent;

namespace EventReview.Audit;

/// <summary>
/// The chain links this process committed and the sealer has not sealed yet, so a page of its own events needs no read
/// of their links. Only committed links are remembered (after the commit), so none can be of a transaction that failed.
/// A leaf then holds the hash the application computed: a link altered in the database before sealing no longer
/// matches its leaf, and `verify` finds it. Links of other nodes, or any this process forgot, are read from the
/// database and checked against their transaction seal as before. Bounded: past the limit it forgets everything, which
/// costs reads, never correctness.
/// </summary>
public sealed class CommittedLinks
{
    private const int Limit = 200_000;
    private readonly ConcurrentDictionary<(Guid Stream, long Version), string> _hashes = new();

    public void Remember(IEnumerable<ChainLink> links)
    {
        if (_hashes.Count > Limit) _hashes.Clear();
        foreach (var link in links) _hashes[(link.StreamId, link.Version)] = link.Hash;
    }

    /// <summary>The hash this process committed for the event, forgotten once taken.</summary>
    public string? Take(Guid stream, long version) => _hashes.TryRemove((stream, version), out var hash) ? hash : null;
}
