using EventReview.Prisma;
using EventReview.Records;
using EventReview.Reviews;
using EventReview.Screening;
using EventReview.Searches;
using Marten;

namespace EventReview.Hosting;

/// <summary>
/// Every event type the product stores, registered up front so the daemon, rebuilds and log imports know each one
/// by its stored name before meeting it.
/// </summary>
public static class EventTypes
{
    private static readonly List<Type> Registered =
    [
        typeof(ReviewCreated), typeof(ProtocolRevised), typeof(MemberRolesSet), typeof(StageConfigured), typeof(ExclusionReasonAdded),
        typeof(SearchRecorded), typeof(ReportedFlowRecorded),
        typeof(RecordImported), typeof(RecordMarkedDuplicate), typeof(DuplicateMarkRemoved), typeof(RecordRemoved),
        typeof(ScreeningVoteCast), typeof(ScreeningConflictRaised), typeof(ScreeningDecided), typeof(FullTextRetrievalRecorded),
        typeof(ReportLinkedToStudy), typeof(Signatures.SignatureRecorded),
    ];

    public static IReadOnlyList<Type> All => Registered;

    /// <summary>Features that add event types register them here before the store is configured.</summary>
    public static void Add(params Type[] types)
    {
        foreach (var type in types.Where(t => !Registered.Contains(t))) Registered.Add(type);
    }

    /// <summary>The type of the stream an event starts: the review stream or a record stream.</summary>
    public static Type StreamTypeFor(object firstEvent) => firstEvent is IRecordEvent ? typeof(RecordState) : typeof(Review);

    public static IReadOnlyDictionary<string, Type> ByStoredName(IDocumentStore store) =>
        store.Options.Events.AllKnownEventTypes().Where(t => All.Contains(t.EventType)).ToDictionary(t => t.EventTypeName, t => t.EventType);

    public static StoreOptions RegisterEventTypes(this StoreOptions store)
    {
        store.Events.AddEventTypes(All);
        return store;
    }
}
