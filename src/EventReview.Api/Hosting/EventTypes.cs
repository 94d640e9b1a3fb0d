using EventReview.Records;
using EventReview.Reviews;
using Marten;

namespace EventReview.Hosting;

/// <summary>
/// Helpers over the event types a store knows. Each feature registers its own types with the store it configures
/// (for example <see cref="ReviewsSetup.ConfigureReviews"/>), up front, so the daemon, rebuilds and log imports know
/// each one by its stored name before meeting it.
/// </summary>
public static class EventTypes
{
    /// <summary>The type of the stream an event starts: the review stream or a record stream.</summary>
    public static Type StreamTypeFor(object firstEvent) => firstEvent is IRecordEvent ? typeof(RecordState) : typeof(Review);

    public static IReadOnlyDictionary<string, Type> ByStoredName(IDocumentStore store) =>
        store.Options.Events.AllKnownEventTypes().ToDictionary(t => t.EventTypeName, t => t.EventType);
}
