using EventReview.Identity;
using EventReview.Labels;
using EventReview.Records;
using EventReview.Reviews;
using EventReview.Rules;
using EventReview.Screening;

namespace EventReview.DecisionImports;

/// <summary>The events an import appends to each record, and what the source allowed that the review's rules do not.</summary>
public sealed record ReplayPlan(IReadOnlyDictionary<Guid, List<object>> Events, IReadOnlyList<string> Discrepancies);

/// <summary>
/// Replays a source's decisions, in the source's time order, through the same rule a vote cast here meets
/// (<see cref="CastVoteEndpoint.Decide"/>), so a record decided by agreeing votes gets its <see cref="ScreeningDecided"/>
/// and a disagreement its conflict exactly as for native votes. What the rule refuses happened all the same in the
/// source: the vote is recorded as it was and the refusal is listed, never dropped. Pure: no I/O.
/// </summary>
public static class DecisionReplay
{
    public const string RevisionNote = "imported revision";

    public static ReplayPlan Plan(Review review, IReadOnlyDictionary<string, RecordState> records, DecisionSource source,
        IReadOnlyDictionary<string, Actor> reviewers, IReadOnlyDictionary<string, string> reasonCodes, Actor lead)
    {
        var states = records.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var events = new Dictionary<Guid, List<object>>();
        var discrepancies = new List<string>();

        void Append(string sourceId, object e)
        {
            var state = states[sourceId];
            (events.TryGetValue(state.Id, out var list) ? list : events[state.Id] = []).Add(e);
            states[sourceId] = RecordFold.Apply(state, e, DateTimeOffset.UnixEpoch);
        }

        var steps = source.Votes.Select(v => (v.SourceTime, v.Line, Step: (object)v))
            .Concat(source.Moves.Select(m => (m.SourceTime, m.Line, Step: (object)m)))
            .Concat(source.Labels.Select(l => (l.SourceTime, l.Line, Step: (object)l)))
            .OrderBy(s => s.SourceTime ?? DateTimeOffset.MaxValue).ThenBy(s => s.Line);
        foreach (var (_, _, step) in steps)
        {
            if (step is SourceStageMove move)
            {
                foreach (var e in Move(review, states[move.SourceRecordId], move, lead, discrepancies)) Append(move.SourceRecordId, e);
                continue;
            }
            if (step is SourceLabel label)
            {
                Append(label.SourceRecordId, Labelled(review.Id, states[label.SourceRecordId], label, reviewers[label.SourceUserId], discrepancies));
                continue;
            }
            var vote = (SourceVote)step;
            var record = states[vote.SourceRecordId];
            var by = reviewers[vote.SourceUserId];
            var reason = vote.Decision == Decision.Exclude && vote.Reasons.Count > 0 ? reasonCodes[vote.Reasons[0]] : null;
            var note = Note(vote, record.Progress(vote.Stage).CurrentVoteOf(by.Id) is not null);
            var outcome = CastVoteEndpoint.Decide(review, record, new CastVote(vote.Stage, vote.Decision, reason, note), by);
            if (outcome.Refused is { } refused)
            {
                discrepancies.Add($"line {vote.Line}: record {vote.SourceRecordId}, {by.Name}'s {vote.Stage.Name()} vote: {refused.Rule ?? refused.Kind.ToString()}: {refused.Detail}; recorded as it happened");
                foreach (var e in AsItHappened(review, record, vote, reason, note, by)) Append(vote.SourceRecordId, e);
                continue;
            }
            foreach (var e in outcome.Events) Append(vote.SourceRecordId, Stamped(e, vote.SourceTime));
        }
        return new ReplayPlan(events, discrepancies);
    }

    /// <summary>A label put on or taken off as the source recorded it; taking off a label the record does not carry is listed too.</summary>
    private static object Labelled(Guid reviewId, RecordState record, SourceLabel label, Actor by, List<string> discrepancies)
    {
        var text = Truncate(label.Label, LabelCommand.MaxLabel);
        if (!label.Removed) return new RecordLabelled(reviewId, record.Id, text, by, label.SourceTime);
        if (record.Labels?.Contains(text, StringComparer.Ordinal) != true)
            discrepancies.Add($"line {label.Line}: record {label.SourceRecordId}: the label '{text}' was removed though it was not on the record; recorded as it happened");
        return new RecordLabelRemoved(reviewId, record.Id, text, by, label.SourceTime);
    }

    /// <summary>Further reasons than the first (the vote's code) and the source's own note go in the vote's note.</summary>
    private static string? Note(SourceVote vote, bool isRevision)
    {
        var parts = new List<string>();
        if (isRevision) parts.Add(RevisionNote);
        if (vote.Reasons.Count > 1) parts.Add("further reasons: " + string.Join("; ", vote.Reasons.Skip(1)));
        if (vote.Note is not null) parts.Add(vote.Note);
        return parts.Count > 0 ? Truncate(string.Join(" | ", parts), RecordCommand.MaxNote) : null;
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    private static object Stamped(object e, DateTimeOffset? at) => e switch
    {
        ScreeningVoteCast v => v with { SourceTime = at },
        ScreeningDecided d => d with { SourceTime = at },
        _ => e,
    };

    /// <summary>
    /// A vote the rules refuse, as the source recorded it. When the review gives each record one reviewer, that reviewer's
    /// changed label also decides the record again (a correction), as it did in the source.
    /// </summary>
    private static IEnumerable<object> AsItHappened(Review review, RecordState record, SourceVote vote, string? reason, string? note, Actor by)
    {
        var progress = record.Progress(vote.Stage);
        yield return new ScreeningVoteCast(review.Id, record.Id, vote.Stage, vote.Decision, reason, note,
            IsRevision: progress.CurrentVoteOf(by.Id) is not null, by, vote.SourceTime);
        if (review.Settings(vote.Stage).ReviewersPerRecord == 1 && progress.IsDecided && progress.Outcome != vote.Decision)
            yield return new ScreeningDecided(review.Id, record.Id, vote.Stage, vote.Decision, reason, DecisionBasis.Resolution, RevisionNote, by,
                IsCorrection: true, vote.SourceTime);
    }

    /// <summary>
    /// The source sent the record on to full text: where no title-abstract decision came before, the move is that
    /// decision (by the importing lead, naming the source's row), and the report counts as retrieved, as the source's
    /// full-text stage assumes.
    /// </summary>
    private static IEnumerable<object> Move(Review review, RecordState record, SourceStageMove move, Actor lead, List<string> discrepancies)
    {
        var screening = record.TitleAbstract;
        if (screening.Outcome == Decision.Exclude)
        {
            discrepancies.Add($"line {move.Line}: record {move.SourceRecordId} moved to full text though excluded at title-abstract; the move is not carried over");
            yield break;
        }
        if (screening.Outcome is null)
            yield return new ScreeningDecided(review.Id, record.Id, Stage.TitleAbstract, Decision.Include, null, DecisionBasis.Resolution,
                $"Moved to full text in the source ({move.Detail})", lead, SourceTime: move.SourceTime);
        if (record.Retrieved is null)
            yield return new FullTextRetrievalRecorded(review.Id, record.Id, true, $"In the source's full-text stage ({move.Detail})", lead);
    }
}
