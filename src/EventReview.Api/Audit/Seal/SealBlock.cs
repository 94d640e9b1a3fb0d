namespace EventReview.Audit;

/// <summary>
/// One page of events the sealer appended to the Merkle tree, committed with the sealer's progress: the tree then has
/// <see cref="Size"/> leaves with <see cref="Root"/>, and <see cref="Frontier"/> (the roots of its perfect subtrees, left
/// to right) lets the next page continue the tree without reading every leaf. The leaves themselves are rows of
/// <see cref="SealedLeaves"/>.
/// </summary>
public sealed record SealBlock(long Size, long FirstLeaf, long LastSequence, string Log, IReadOnlyList<string> Frontier, string Root,
    DateTimeOffset SealedAt);
