using EventReview.Screening;
using JasperFx.Events;

namespace EventReview.Records;

/// <summary>
/// The record stream's one fold. The live projection (<see cref="RecordProjection"/>), rebuilds, states as they
/// stood at a past moment, the bulk import and a command's answer all apply events through it, so none of them can
/// drift from the others.
/// </summary>
public static class RecordFold
{
    public static RecordState? Apply(RecordState? state, IEvent e) => e.Data switch
    {
        RecordImported x => Imported(x, e.Timestamp),
        _ when state is null => null,
        var data => Apply(state, data, e.Timestamp),
    } is { } next ? next with { Version = e.Version } : null;

    /// <summary>One event's data on an existing record, at the time it was (or is about to be) recorded.</summary>
    public static RecordState Apply(RecordState state, object data, DateTimeOffset at) => data switch
    {
        RecordMarkedDuplicate x => state with { DuplicateOf = x.DuplicateOf, KeptApart = Apart(state.KeptApart, x.DuplicateOf, null) },
        DuplicateMarkRemoved x => state with
        {
            DuplicateOf = null, KeptApart = Apart(state.KeptApart, x.WasDuplicateOf, new KeptApart(x.WasDuplicateOf, x.By.Id, x.By.Name)),
        },
        RecordRemoved x => state with { Removal = x.Reason, RemovalDetail = x.Detail },
        ScreeningVoteCast x => state.WithProgress(x.Stage,
            state.Progress(x.Stage).With(new Vote(x.By.Id, x.By.Name, x.Decision, x.ReasonCode, x.Note, at))),
        ScreeningConflictRaised x => state.WithProgress(x.Stage, state.Progress(x.Stage) with { InConflict = true }),
        ScreeningDecided x => state.WithProgress(x.Stage,
            state.Progress(x.Stage) with { Outcome = x.Decision, OutcomeReason = x.ReasonCode, Basis = x.Basis }),
        StageReopened x => state.WithProgress(x.Stage, state.Progress(x.Stage).Reopen()),
        FullTextRetrievalRecorded x => state with { Retrieved = x.Retrieved, RetrievalNote = x.Note },
        // A record linked to itself is a study's primary record again.
        ReportLinkedToStudy x => state with { StudyId = x.StudyId == state.Id ? null : x.StudyId },
        DuplicateKeptFor x => state with { KeptFor = With(state.KeptFor, x.DuplicateId) },
        DuplicateNoLongerKeptFor x => state with { KeptFor = Without(state.KeptFor, x.DuplicateId) },
        StudyReportLinked x => state with { Reports = With(state.Reports, x.ReportId) },
        StudyReportUnlinked x => state with { Reports = Without(state.Reports, x.ReportId) },
        Labels.RecordLabelled x => state with { Labels = (state.Labels ?? []).Contains(x.Label, StringComparer.Ordinal) ? state.Labels : [.. state.Labels ?? [], x.Label] },
        Labels.RecordLabelRemoved x => state with { Labels = state.Labels?.Where(l => l != x.Label).ToList() is { Count: > 0 } rest ? rest : null },
        // Ratings live in RecordAppraisal; an exclusion on quality is a ScreeningDecided.
        _ => state,
    };

    // A removed mark keeps the pair apart; a later mark by hand joins it again. Empty is stored as null.
    private static List<KeptApart>? Apart(IReadOnlyList<KeptApart>? pairs, Guid other, KeptApart? apart) =>
        (pairs ?? []).Where(p => p.RecordId != other).Concat(apart is null ? [] : [apart]).ToList() is { Count: > 0 } rest ? rest : null;

    private static IReadOnlyList<Guid> With(IReadOnlyList<Guid>? ids, Guid id) => ids is null ? [id] : ids.Contains(id) ? ids : [.. ids, id];

    // Empty is stored as null: see RecordState.KeptFor.
    private static List<Guid>? Without(IReadOnlyList<Guid>? ids, Guid id) =>
        ids?.Where(x => x != id).ToList() is { Count: > 0 } rest ? rest : null;

    private static RecordState Imported(RecordImported e, DateTimeOffset at) => new()
    {
        Id = e.RecordId,
        ReviewId = e.ReviewId,
        SearchId = e.SearchId,
        ImportKey = e.ImportKey,
        ImportOrder = $"{at.UtcTicks:D19}-{e.Ordinal:D9}",
    };

    public static IReadOnlyCollection<RecordState> FoldAll(IEnumerable<IEvent> eventsInOrder)
    {
        var states = new Dictionary<Guid, RecordState>();
        foreach (var e in eventsInOrder)
            if (Apply(states.GetValueOrDefault(e.StreamId), e) is { } next) states[e.StreamId] = next;
        return states.Values;
    }
}
