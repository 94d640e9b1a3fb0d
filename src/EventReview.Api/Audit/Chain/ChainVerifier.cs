namespace EventReview.Audit;

/// <summary>Recomputes the chains of a review's event log, streaming, with memory proportional to its stream count.</summary>
public static class ChainVerifier
{
    // PriorHash is the hash before the stream's last event: an event that links to it proves the last one was slipped in.
    private sealed record StreamTip(long Version, string Hash, long Sequence, string PriorHash);

    public static VerificationReport Verify(IEnumerable<ChainedEvent> eventsInSequenceOrder)
    {
        var tips = new Dictionary<string, StreamTip>(StringComparer.Ordinal);
        var head = HashChain.EmptyHead;
        long verified = 0;
        ChainedEvent? last = null;
        ChainFailure? failure = null;

        using var events = eventsInSequenceOrder.GetEnumerator();
        while (failure is null && events.MoveNext())
        {
            var e = events.Current;
            var tip = tips.GetValueOrDefault(e.StreamId);
            failure = CheckLink(e, tip, last?.Sequence);
            if (failure is { Kind: ChainFailureKind.VersionGap })
                failure = GapOrMovedLater(failure, e, (tip?.Version ?? 0) + 1, events);
            if (failure is not null) break;

            tips[e.StreamId] = new StreamTip(e.StreamVersion, e.Hash, e.Sequence, e.PreviousHash);
            head = HashChain.NextHead(head, e.Hash);
            verified++;
            last = e;
        }

        return new VerificationReport(failure is null, verified, tips.Count, head, last?.Sequence, failure);
    }

    private static ChainFailure? CheckLink(ChainedEvent e, StreamTip? tip, long? previousSequence)
    {
        if (e.Sequence <= previousSequence)
            return Fail(e, ChainFailureKind.OutOfOrder, $"it follows sequence {previousSequence}; events were moved or swapped.");

        if (tip is not null && e.Hash == tip.Hash)
            return Fail(e, ChainFailureKind.OutOfOrder, $"it repeats sequence {tip.Sequence}; an event was replayed.");

        if (tip is not null && e.PreviousHash == tip.PriorHash)
            return new ChainFailure(tip.Sequence, e.StreamId, tip.Version, ChainFailureKind.Forged,
                $"Sequence {tip.Sequence} (stream {e.StreamId}, version {tip.Version}) was inserted: the next event of the stream, sequence {e.Sequence}, links to the event before it.");

        var expectedVersion = (tip?.Version ?? 0) + 1;
        if (e.StreamVersion < expectedVersion)
            return Fail(e, ChainFailureKind.OutOfOrder, $"version {expectedVersion} was expected; a version repeats or comes late.");
        if (e.StreamVersion > expectedVersion)
            return Fail(e, ChainFailureKind.VersionGap, $"version {expectedVersion} of the stream is missing; an event was deleted.");

        var expectedPrevious = tip?.Hash ?? HashChain.Genesis(e.StreamId);
        if (e.PreviousHash != expectedPrevious)
            return Fail(e, ChainFailureKind.Forged, tip is null
                ? "its previous hash is not the genesis hash of its stream."
                : $"its previous hash is not the hash of version {tip.Version} (sequence {tip.Sequence}).");

        try
        {
            if (HashChain.Compute(e.PreviousHash, e.ToCanonical()) != e.Hash)
                return Fail(e, ChainFailureKind.DataChanged, "its content no longer matches its hash.");
        }
        catch (AuditFormatException ex)
        {
            return Fail(e, ChainFailureKind.DataChanged, $"its content cannot be canonicalized: {ex.Message}");
        }
        return null;
    }

    // A version jump is a deleted event or one moved later (swapped); only the rest of the log tells which.
    private static ChainFailure GapOrMovedLater(ChainFailure gap, ChainedEvent e, long missingVersion, IEnumerator<ChainedEvent> rest)
    {
        while (rest.MoveNext())
        {
            var later = rest.Current;
            if (later.StreamId == e.StreamId && later.StreamVersion == missingVersion)
                return Fail(e, ChainFailureKind.OutOfOrder,
                    $"it comes before version {missingVersion} (sequence {later.Sequence}); events were swapped.");
        }
        return gap;
    }

    private static ChainFailure Fail(ChainedEvent e, ChainFailureKind kind, string detail) =>
        new(e.Sequence, e.StreamId, e.StreamVersion, kind, $"Sequence {e.Sequence} (stream {e.StreamId}, version {e.StreamVersion}): {detail}");
}
