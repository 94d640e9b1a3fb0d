namespace EventReview.Audit;

/// <summary>
/// The stored hash of one event and of its predecessor in the same stream. Written in the same transaction as
/// the event, never by a projection, so no rebuild can recompute it from altered events.
/// </summary>
public sealed record ChainLink(string Id, Guid ReviewId, Guid StreamId, long Version, long Sequence, string PreviousHash, string Hash)
{
    public static string IdFor(Guid streamId, long version) => $"{streamId:D}:{version}";
}
