using JasperFx.Events;

namespace EventReview.Records;

/// <summary>
/// Other records of a command that reads and writes more than its own record (a duplicate mark and the record it keeps,
/// a report and its study), each fetched for writing: the decision sees them as they stand, and its events for them
/// are appended at the version read, so a concurrent change to any of them fails the command as one to its own record does.
/// </summary>
public sealed class OtherRecords(IReadOnlyDictionary<Guid, IEventStream<RecordState>> streams)
{
    public static OtherRecords None { get; } = new(new Dictionary<Guid, IEventStream<RecordState>>());

    /// <summary>The record as read, or null when no such record exists (or it was not read).</summary>
    public RecordState? Of(Guid? id) => id is { } key && streams.TryGetValue(key, out var stream) ? stream.Aggregate : null;

    internal IEventStream<RecordState>? StreamOf(Guid id) => streams.GetValueOrDefault(id);
}
