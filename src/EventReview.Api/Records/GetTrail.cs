using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Reviews;
using EventReview.Screening;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Records;

/// <summary>One event of a record's trail. Sequence and version are null for a viewer who may not see every vote: the gaps
/// they would show between that viewer's own events are another reviewer's votes.</summary>
/// <summary>A record's trail: its status as the viewer may see it and the events they may see.</summary>
public sealed record RecordTrail(Guid RecordId, Guid ReviewId, [property: RecordStatusValue] string Status, IReadOnlyList<TrailEntry> Events);

public sealed record TrailEntry(
    long? Sequence,
    long? Version,
    string Event,
    DateTimeOffset At,
    string ActorId,
    string ActorName,
    string? CorrelationId,
    string? Stage,
    string? Decision,
    string? ReasonCode,
    string? ReasonLabel,
    string? Note,
    object Data,
    DateTimeOffset? SourceTime = null);

public static class GetTrailEndpoint
{
    /// <summary>
    /// Every event on the record in order, as the caller may see it; `asOf` or `sequence` shows the trail, the status and
    /// what blinding hides as they all stood then, and a moment before the record existed is a 404. With `clock=source`,
    /// `asOf` reads the source's clock of imported decisions (<see cref="SourceClock"/>).
    /// </summary>
    [WolverineGet("/api/reviews/{reviewId}/records/{recordId}/trail", OperationId = "getRecordTrail", Summary = "A record's audit trail as the caller may see it."), Tags("Records")]
    [ProducesResponseType<RecordTrail>(200)]
    public static async Task<IResult> Get(Guid reviewId, Guid recordId, DateTimeOffset? asOf, long? sequence, string? clock,
        ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        if (SourceClock.Check(clock) is { } badClock) return badClock.ToResult();
        var (review, problem) = await ReviewAccess.LoadAsync(session, reviewId, user, ct);
        if (problem is not null) return problem.ToResult();

        var events = await session.Events.FetchStreamAsync(recordId, token: ct);
        if (events.Count == 0 || events[0].Data is not RecordImported imported || imported.ReviewId != reviewId)
            return Problems.NotFound("No such record in this review.").ToResult();

        var visible = SourceClock.Until(events, asOf, SourceClock.IsSource(clock)).Where(e => sequence is null || e.Sequence <= sequence).ToList();
        if (visible.Count == 0) return Problems.NotFound("The record did not exist yet at that point.").ToResult();
        var record = RecordFold.FoldAll(visible).Single();
        var viewer = Actor.From(user).Id;
        var numbered = Blinding.SeesEverything(review!, viewer);
        var entries = visible
            .Where(e => MaySee(review!, viewer, record, e.Data))
            .Select(e => Entry(review!, e) is var entry && numbered ? entry : entry with { Sequence = null, Version = null })
            .ToList();
        return Results.Ok(new RecordTrail(recordId, reviewId, Blinding.Status(review!, viewer, record), entries));
    }

    private static bool MaySee(Review review, string viewer, RecordState record, object data) => data switch
    {
        ScreeningVoteCast v => Blinding.MaySee(review, viewer, record, v.Stage, v.By.Id),
        ScreeningConflictRaised c => Blinding.MaySee(review, viewer, record, c.Stage, null),
        // Appraisal happens on full texts, so it is blinded with the full-text stage.
        Appraisal.AppraisalItemRated a => Blinding.MaySee(review, viewer, record, Stage.FullText, a.By.Id),
        _ => true,
    };

    internal static TrailEntry Entry(Review review, IEvent e)
    {
        var by = (e.Data as IReviewEvent)?.By ?? new Actor("unknown", "unknown");
        var (stage, decision, reason, note) = e.Data switch
        {
            ScreeningVoteCast v => (v.Stage, (Decision?)v.Decision, v.ReasonCode, v.Note),
            ScreeningDecided d => (d.Stage, d.Decision, d.ReasonCode, d.Note),
            ScreeningConflictRaised c => (c.Stage, null, null, null),
            StageReopened r => (r.Stage, null, null, r.BecauseOf is { } earlier ? $"{r.Reason} (reopened with {earlier.Name()})" : r.Reason),
            _ => ((Stage?)null, (Decision?)null, (string?)null, Note(e.Data)),
        };
        var label = stage is { } s && reason is not null ? review.Reason(s, reason)?.Label : null;
        return new TrailEntry(e.Sequence, e.Version, e.EventTypeName, e.Timestamp, by.Id, by.Name, e.CorrelationId,
            stage?.Name(), decision is { } decided ? EventReviewJson.Name(decided) : null, reason, label, note, e.Data, SourceClock.TimeOf(e.Data));
    }

    private static string? Note(object data) => data switch
    {
        RecordMarkedDuplicate d => d.Note,
        DuplicateMarkRemoved u => u.Note,
        RecordRemoved r => r.Detail,
        FullTextRetrievalRecorded f => f.Note,
        ReportLinkedToStudy l => l.Note,
        Appraisal.AppraisalItemRated a => a.Note ?? a.Justification,
        Labels.RecordLabelled l => "label: " + l.Label,
        Labels.RecordLabelRemoved l => "label removed: " + l.Label,
        _ => null,
    };
}
