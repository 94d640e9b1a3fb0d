using System.Globalization;
using EventReview.Hosting;
using EventReview.Prisma;
using EventReview.Records;
using EventReview.Reviews;
using EventReview.Screening;
using EventReview.Searches;
using EventReview.Signatures;
using JasperFx.Events;

namespace EventReview.Audit;

/// <summary>One line of the audit trail in words a person reads: who did what, when, why, and what it replaced.</summary>
public sealed record AuditRow(
    long Sequence, DateTimeOffset At, string ActorId, string ActorName, string Event, Guid StreamId, string What, string? Why,
    string? Previous, string? CorrelationId);

/// <summary>Turns events into audit rows, remembering each reviewer's last vote so a revision shows what it replaced.</summary>
public sealed class AuditNarrator
{
    private readonly Dictionary<(Guid, Stage, string), string> _lastVote = [];
    private readonly Dictionary<(Guid, Stage), string> _lastOutcome = [];

    public AuditRow Narrate(IEvent e)
    {
        var by = (e.Data as IReviewEvent)?.By;
        var (what, why, previous) = Describe(e.StreamId, e.Data, e.Timestamp);
        return new AuditRow(e.Sequence, e.Timestamp, by?.Id ?? "", by?.Name ?? "", e.EventTypeName, e.StreamId, what, why, previous, e.CorrelationId);
    }

    private (string What, string? Why, string? Previous) Describe(Guid stream, object data, DateTimeOffset at)
    {
        switch (data)
        {
            case ScreeningVoteCast v:
                var key = (stream, v.Stage, v.By.Id);
                _lastVote.TryGetValue(key, out var before);
                _lastVote[key] = Decision(v.Decision, v.ReasonCode);
                return ($"voted {Decision(v.Decision, v.ReasonCode)} at {v.Stage.Name()}", v.Note, v.IsRevision ? before : null);
            case ScreeningDecided d:
                var outcomeKey = (stream, d.Stage);
                _lastOutcome.TryGetValue(outcomeKey, out var earlier);
                _lastOutcome[outcomeKey] = Decision(d.Decision, d.ReasonCode);
                return ($"{(d.IsCorrection ? "resolution corrected to" : "record decided")} {Decision(d.Decision, d.ReasonCode)} at {d.Stage.Name()} ({EventReviewJson.Name(d.Basis)})", d.Note, earlier);
            case StageReopened r:
                _lastOutcome.Remove((stream, r.Stage), out var setAside);
                return ($"reopened {r.Stage.Name()}{(r.BecauseOf is { } earlierStage ? $" with {earlierStage.Name()}" : "")}: the decision is set aside", r.Reason,
                    setAside is null ? null : "decided " + setAside);
            case ScreeningConflictRaised c: return ($"votes disagree at {c.Stage.Name()}: conflict", null, null);
            case Labels.RecordLabelled l: return ($"labelled \"{l.Label}\"", null, null);
            case Labels.RecordLabelRemoved l: return ($"removed the label \"{l.Label}\"", null, null);
            case RecordImported i: return ($"imported \"{Shorten(i.Record.Title)}\"", null, null);
            case RecordMarkedDuplicate m: return ($"marked duplicate of {m.DuplicateOf} ({EventReviewJson.Name(m.Method)})", m.Note, null);
            case DuplicateMarkRemoved u: return ("duplicate mark removed", u.Note, $"duplicate of {u.WasDuplicateOf}");
            case RecordRemoved r: return ($"removed before screening ({EventReviewJson.Name(r.Reason)})", r.Detail, null);
            case FullTextRetrievalRecorded f: return (f.Retrieved ? "full text retrieved" : "full text not retrieved", f.Note, null);
            case ReportLinkedToStudy l: return ($"linked as a report of study {l.StudyId}", l.Note, null);
            case DuplicateKeptFor k: return ($"kept: {k.DuplicateId} marked as its duplicate", null, null);
            case DuplicateNoLongerKeptFor k: return ($"no longer kept for {k.DuplicateId} (duplicate mark removed)", null, null);
            case StudyReportLinked r: return ($"report {r.ReportId} linked to this study", null, null);
            case StudyReportUnlinked r: return ($"report {r.ReportId} no longer linked to this study", null, null);
            case ReviewCreated c: return ($"created the review \"{c.Title}\"", null, null);
            case ProtocolRevised p: return ("revised the protocol", p.Reason, null);
            case MemberRolesSet m: return ($"set {m.Name} ({m.UserId}) roles to [{string.Join(", ", m.Roles).ToLowerInvariant()}]", m.Note, null);
            case StageConfigured s: return ($"configured {s.Stage.Name()}: {s.ReviewersPerRecord} reviewers, blinded {s.Blinded}", null, null);
            case ExclusionReasonAdded x: return ($"added exclusion reason {x.Code} \"{x.Label}\" at {x.Stage.Name()}", null, null);
            case SearchRecorded s: return ($"recorded a search of {s.Source} run on {s.SearchedOn:yyyy-MM-dd}", s.Filters, null);
            case SearchCorrected s: return ($"corrected the search {s.SearchId}", s.Reason, null);
            case SearchWithdrawn s: return ($"withdrew the search {s.SearchId}; its records leave the flow", s.Reason, null);
            case HighlightTermsSet t: return ($"set highlighted terms: include [{string.Join(", ", t.Include)}], exclude [{string.Join(", ", t.Exclude)}]", null, null);
            case ReportedFlowRecorded r: return ($"entered the reported flow from {r.Source}", null, null);
            case DecisionImports.DecisionImportStarted s: return ($"started importing decisions from {EventReviewJson.Name(s.Format)} ({s.FileName}, sha256 {s.FileSha256[..12]})", null, null);
            case DecisionImports.DecisionImportCompleted c:
                return ($"completed the decision import: {c.Records} records, {c.Members} members, {c.Votes} votes, {c.Discrepancies} discrepancies", null, null);
            case Appraisal.AppraisalItemRated a:
                return ($"rated {a.Instrument} item {a.ItemId} as {a.Rating}{(a.Consensus ? " (consensus)" : "")}", a.Note ?? a.Justification, null);
            case Appraisal.AppraisalScoringConfigured a: return ($"set the scoring rule of {a.Instrument}", null, null);
            case Appraisal.CustomInstrumentAdded a: return ($"added the instrument {a.Instrument.Id}", null, null);
            case Appraisal.AppraisalSettingsConfigured a: return ($"set {a.AppraisersPerRecord} appraisers per record", null, null);
            case SignatureRecorded s: return (Signed(s, at), null, null);
            default: return (data.GetType().Name, null, null);
        }
    }

    /// <summary>
    /// A signature's manifestation (21 CFR 11.50): printed name, UTC date and time, and meaning in the line itself, so
    /// it reads whole wherever the line is shown or printed; then the role and exactly what it covers.
    /// </summary>
    private static string Signed(SignatureRecorded s, DateTimeOffset at)
    {
        var covers = s.Scope == SignatureScope.AuditTrail ? $"{s.Records} events" : $"{s.Records} records";
        var role = s.Role is { } given ? $" as {EventReviewJson.Name(given)}" : "";
        return string.Create(CultureInfo.InvariantCulture, $"SIGNED by {s.By.Name} on {at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, meaning \"{s.Meaning}\"{role}: ")
            + $"{SignedState.ScopeName(s.Scope)} ({covers}, state {s.StateHash[..12]})";
    }

    private static string Decision(Decision decision, string? reason) =>
        EventReviewJson.Name(decision) + (reason is null ? "" : $" ({reason})");

    private static string Shorten(string? text) => text is null ? "(untitled)" : text.Length <= 80 ? text : text[..77] + "...";
}
