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
        RecordMarkedDuplicate x => state.Apply(x),
        DuplicateMarkRemoved x => state.Apply(x),
        RecordRemoved x => state.Apply(x),
        ScreeningVoteCast => state.Apply((IEvent<ScreeningVoteCast>)e),
        ScreeningConflictRaised x => state.Apply(x),
        ScreeningDecided x => state.Apply(x),
        FullTextRetrievalRecorded x => state.Apply(x),
        ReportLinkedToStudy x => state.Apply(x),
        _ => state,
    } is { } next ? next with { Version = e.Version } : null;

    public static IReadOnlyCollection<RecordState> FoldAll(IEnumerable<IEvent> eventsInOrder)
    {
        var states = new Dictionary<Guid, RecordState>();
        foreach (var e in eventsInOrder)
            if (Apply(states.GetValueOrDefault(e.StreamId), e) is { } next) states[e.StreamId] = next;
        return states.Values;
    }
}
