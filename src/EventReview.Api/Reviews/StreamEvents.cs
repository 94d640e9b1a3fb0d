namespace EventReview.Reviews;

/// <summary>
/// Which events belong to which stream, read off their types: an <see cref="IRecordEvent"/> goes to its record's
/// stream, any other <see cref="IReviewEvent"/> to its review's. A new event type is placed by the interface it
/// implements, so no list can forget it.
/// </summary>
public static class StreamEvents
{
    private static readonly Type[] All = typeof(IReviewEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IReviewEvent).IsAssignableFrom(t))
        .ToArray();

    public static IReadOnlyList<Type> OfRecords { get; } = All.Where(typeof(IRecordEvent).IsAssignableFrom).ToArray();

    public static IReadOnlyList<Type> OfReviews { get; } = All.Where(t => !typeof(IRecordEvent).IsAssignableFrom(t)).ToArray();
}
