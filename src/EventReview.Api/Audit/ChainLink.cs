namespace EventReview.Audit;

/// <summary>
/// The stored hash of one event and of its predecessor in the same stream. Written in the same transaction as
/// the event, never by a projection, so no rebuild can recompute it from altered events. <see cref="Batch"/> names the
/// <see cref="ChainBatch"/> that seals it with the transaction's other links; <see cref="Format"/> says which fields
/// the hash covers (links written before format 2 have none stored and read as 0, meaning 1).
/// </summary>
public sealed record ChainLink(string Id, Guid ReviewId, Guid StreamId, long Version, string PreviousHash, string Hash,
    Guid Batch = default, int Format = CanonicalEvent.CurrentFormat)
{
    public static string IdFor(Guid streamId, long version) => $"{streamId:D}:{version}";

    /// <summary>The link of a stream's newest event, found through the stream's version (a Marten where clause; ? is the stream id).</summary>
    public const string HeadOfStreamWhere =
        "where id = (select s.id::text || ':' || s.version from " + Hosting.EventStoreSetup.Schema + ".mt_streams s where s.id = ?)";
}
