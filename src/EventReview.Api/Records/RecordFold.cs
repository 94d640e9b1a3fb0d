using EventReview.Screening;
using JasperFx.Events;

namespace EventReview.Records;

/// <summary>
/// The record projection as a plain fold over events, for states as they stood at a past moment and for checking
/// that the stored projection equals what the events alone say.
/// </summary>
public static class RecordFold
{
    public static RecordState? Apply(RecordState? state, IEvent e) => e.Data switch
    {
        RecordImported => RecordState.Create((IEvent<RecordImported>)e),
        _ when state is null => null,
        _ => Apply(state, e.Data, e.Timestamp),
    } is { } next ? next with { Version = e.Version } : null;

    /// <summary>One event's data on an existing record, at the time it was (or is about to be) recorded.</summary>
    public static RecordState Apply(RecordState state, object data, DateTimeOffset at) => data switch
    {
        RecordMarkedDuplicate x => state.Apply(x),
        DuplicateMarkRemoved x => state.Apply(x),
        RecordRemoved x => state.Apply(x),
        ScreeningVoteCast x => state.WithVote(x, at),
        ScreeningConflictRaised x => state.Apply(x),
        ScreeningDecided x => state.Apply(x),
        FullTextRetrievalRecorded x => state.Apply(x),
        ReportLinkedToStudy x => state.Apply(x),
        _ => state,
    };

    public static IReadOnlyCollection<RecordState> FoldAll(IEnumerable<IEvent> eventsInOrder)
    {
        var states = new Dictionary<Guid, RecordState>();
        foreach (var e in eventsInOrder)
            if (Apply(states.GetValueOrDefault(e.StreamId), e) is { } next) states[e.StreamId] = next;
        return states.Values;
    }
}
