namespace EventReview.Audit;

/// <summary>
/// Walks the sealed leaves beside the events (both in sequence order), rebuilding the Merkle tree from the leaves as it
/// goes: every leaf must name an event that still has the hash it was sealed with, no event may appear between sealed
/// ones unsealed, and at each tree head's size the rebuilt root must equal the signed one.
/// </summary>
public sealed class SealMerge(IEnumerator<SealedLeaf> leaves, IReadOnlyList<ExpectedRoot> roots, List<AuditFinding> findings)
{
    private readonly CompactRange _tree = new();
    private SealedLeaf? _next = Advance(leaves);
    private int _root;

    public long Sealed { get; private set; }
    public long Unsealed { get; private set; }
    public DateTimeOffset? OldestUnsealed { get; private set; }
    public CompactRange Tree => _tree;

    public void Observe(ChainedEvent e)
    {
        while (_next is { } missing && missing.Sequence < e.Sequence)
        {
            Add(AuditFindingKind.Seal, missing.Sequence, $"Sealed sequence {missing.Sequence} (leaf {missing.Leaf}) is no longer in the log: it was deleted or renumbered.");
            Take();
        }
        if (_next is { } leaf && leaf.Sequence == e.Sequence)
        {
            if (!string.Equals(leaf.Hash, e.Hash, StringComparison.Ordinal))
                Add(AuditFindingKind.Seal, e.Sequence, $"Sequence {e.Sequence} (stream {e.StreamId}, version {e.StreamVersion}) no longer has the hash it was sealed with (leaf {leaf.Leaf}).", e);
            Sealed++;
            Take();
        }
        else if (_next is not null)
        {
            Add(AuditFindingKind.Seal, e.Sequence, $"Sequence {e.Sequence} (stream {e.StreamId}, version {e.StreamVersion}) lies inside the sealed range but was never sealed: it was inserted afterwards.", e);
        }
        else
        {
            Unsealed++;
            OldestUnsealed ??= e.Timestamp;
        }
    }

    /// <summary>Leaves left when the events end were sealed and then removed; roots beyond the tree were truncated away.</summary>
    public void Finish()
    {
        while (_next is { } missing)
        {
            Add(AuditFindingKind.Seal, missing.Sequence, $"Sealed sequence {missing.Sequence} (leaf {missing.Leaf}) is no longer in the log: the log's tail was removed.");
            Take();
        }
        for (; _root < roots.Count; _root++)
            Add(roots[_root].Kind, null, $"{roots[_root].Source} covers {roots[_root].Size} sealed events, but the tree now has {_tree.Size}: sealed events were removed.");
    }

    private void Take()
    {
        var leaf = _next!;
        if (leaf.Leaf != _tree.Size)
            Add(AuditFindingKind.Seal, leaf.Sequence, $"Sequence {leaf.Sequence} is sealed as leaf {leaf.Leaf} where leaf {_tree.Size} belongs: the seals were renumbered or reordered.");
        _tree.Append(MerkleHash.Leaf(SealedLeaves.Entry(leaf.Sequence, Convert.FromHexString(leaf.Hash))));
        for (; _root < roots.Count && roots[_root].Size <= _tree.Size; _root++)
        {
            var expected = roots[_root];
            if (expected.Size == _tree.Size && expected.Root != MerkleHash.ToHex(_tree.Root()))
                Add(expected.Kind, leaf.Sequence, $"{expected.Source} says the first {expected.Size} sealed events have root {expected.Root}, but they now have {MerkleHash.ToHex(_tree.Root())}: a sealed event or its seal was changed.");
        }
        _next = Advance(leaves);
    }

    private void Add(AuditFindingKind kind, long? sequence, string message, ChainedEvent? e = null)
    {
        // The first finding of each kind is where the damage shows; the rest follow from it.
        if (findings.Any(f => f.Kind == kind)) return;
        findings.Add(new AuditFinding(kind, sequence, e?.StreamId, e?.StreamVersion, message,
            kind is AuditFindingKind.TreeHead or AuditFindingKind.Checkpoint ? AuditActions.Checkpoint : AuditActions.Investigate));
    }

    private static SealedLeaf? Advance(IEnumerator<SealedLeaf> leaves) => leaves.MoveNext() ? leaves.Current : null;
}

public sealed record SealedLeaf(long Leaf, long Sequence, string Hash);

/// <summary>A root the tree must have at a size: from a stored tree head or a checkpoint, named by the kind of finding it raises.</summary>
public sealed record ExpectedRoot(long Size, string Root, string Source, AuditFindingKind Kind);
