using EventReview.Records;
using EventReview.Reviews;
using Marten;

namespace EventReview.Hosting;

/// <summary>Helpers over the event types a store knows (every one of <see cref="StreamEvents"/>, registered up front).</summary>
public static class EventTypes
{
    /// <summary>The type of the stream an event starts: the review stream or a record stream.</summary>
    public static Type StreamTypeFor(object firstEvent) => firstEvent is IRecordEvent ? typeof(RecordState) : typeof(Review);

    public static IReadOnlyDictionary<string, Type> ByStoredName(IDocumentStore store) =>
        store.Options.Events.AllKnownEventTypes().ToDictionary(t => t.EventTypeName, t => t.EventType);
}
