using JasperFx.Events;
using Marten;

namespace EventReview.Records;

/// <summary>
/// A review's events in sequence order: its own stream and every record stream, optionally only one record, and
/// optionally only up to a time or a global sequence. The one way folds, signature checks and the audit trail read them.
/// </summary>
public static class ReviewEventQuery
{
    public static async Task<IReadOnlyList<IEvent>> LoadAsync(IQuerySession session, Guid reviewId, CancellationToken ct,
        DateTimeOffset? asOf = null, long? sequence = null, Guid? record = null)
    {
        var records = await session.Query<RecordState>().Where(r => r.ReviewId == reviewId).Select(r => r.Id).ToListAsync(ct);
        Guid[] ids = record is { } one ? (records.Contains(one) ? [one] : []) : [.. records, reviewId];
        if (ids.Length == 0) return [];

        var limit = sequence ?? long.MaxValue;
        var until = asOf ?? DateTimeOffset.MaxValue;
        return await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(ids) && e.Sequence <= limit && e.Timestamp <= until)
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);
    }
}
