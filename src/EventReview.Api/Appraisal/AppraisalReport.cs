using System.Globalization;
using System.Text.Json;
using EventReview.Records;
using EventReview.Records.Parsing;
using EventReview.Screening;

namespace EventReview.Appraisal;

/// <summary>
/// An appraised record: its state, its bibliographic data (for the study label), its ratings and, while it stands,
/// the note of the full-text exclusion an appraisal made (it names the rule that made it).
/// </summary>
public sealed record AppraisedRecord(RecordState Record, BibRecord Bibliographic, RecordAppraisal Ratings, string? ExclusionNote = null)
{
    public bool ExcludedOnQuality => Record.FullText is { Outcome: Decision.Exclude, Basis: DecisionBasis.Appraisal };
}

/// <summary>
/// A standing exclusion on appraisal as it was decided: <paramref name="Rule"/> is its note (instrument, total and
/// the threshold then in force); <paramref name="CurrentRuleExcludes"/> says whether the current settings would
/// exclude too, so a later change of threshold shows beside the exclusion instead of contradicting it.
/// </summary>
public sealed record QualityExclusion(string? Rule, bool CurrentRuleExcludes);

/// <summary>One record's row in an instrument's table, with the standing it was computed from.</summary>
public sealed record ReportRow(RecordState Record, AppraisalStanding Standing, bool Blinded, AppraisalTableRow Row, QualityExclusion? Exclusion)
{
    public bool ExcludedOnQuality => Exclusion is not null;
}

public sealed record ReportTable(AppraisalInstrument Instrument, ScoringRule Rule, AppraisalTable Table, IReadOnlyList<ReportRow> Rows);

/// <summary>
/// The per-instrument tables of a review's appraisals (items as columns, records as rows, total, verdict and the
/// instrument's overall rating), computed at read time from the stored ratings under the current scoring rules.
/// </summary>
public static class AppraisalReport
{
    public const string AwaitingConsensusTotal = "awaiting consensus";

    /// <param name="records">Each appraised record with its ratings.</param>
    /// <param name="blindedViewer">
    /// The viewer's id when appraisals are blinded for them: until a record's appraisal is final they see only their
    /// own ratings (and no row where they have none). Null for a viewer who sees everything.
    /// </param>
    /// <param name="only">One instrument's table (present even when empty), or null for every instrument used.</param>
    public static IReadOnlyList<ReportTable> Build(AppraisalSettings settings, IEnumerable<AppraisedRecord> records,
        string? blindedViewer, AppraisalInstrument? only = null)
    {
        var ordered = records.OrderBy(r => r.Record.ImportOrder).ToList();
        var used = ordered.SelectMany(r => r.Ratings.InstrumentsUsed()).ToHashSet(StringComparer.Ordinal);
        var instruments = only is not null ? [only] : settings.Instruments().Where(i => used.Contains(i.Id)).ToList();

        return [.. instruments.Select(instrument =>
        {
            var rule = settings.RuleFor(instrument);
            var rows = ordered
                .Select(r => RowOf(instrument, rule, settings.AppraisersPerRecord, r, blindedViewer))
                .OfType<ReportRow>()
                .ToList();
            var table = AppraisalTableBuilder.Build(instrument, rule, []) with { Rows = [.. rows.Select(r => r.Row)] };
            return new ReportTable(instrument, rule, table, rows);
        })];
    }

    private static ReportRow? RowOf(AppraisalInstrument instrument, ScoringRule rule, int appraisersPerRecord, AppraisedRecord appraised,
        string? blindedViewer)
    {
        var (record, bibliographic, ratings, exclusionNote) = appraised;
        var given = ratings.Of(instrument.Id);
        if (given.Count == 0) return null;

        var standing = AppraisalStandings.Of(instrument, rule, given, appraisersPerRecord);
        var blinded = blindedViewer is not null && !standing.Final;
        if (blinded)
        {
            var own = given.Where(r => !r.Consensus && r.RaterId == blindedViewer).ToList();
            if (own.Count == 0) return null;
            standing = AppraisalStandings.Of(instrument, rule, own, appraisersPerRecord) with { Final = false };
        }

        var study = StudyLabel(bibliographic);
        var row = standing.Result is not null
            ? AppraisalTableBuilder.Build(instrument, rule, [new AppraisalTableInput(study, standing.Counted)]).Rows[0]
            : AwaitingConsensus(instrument, rule, standing, study);
        var exclusion = appraised.ExcludedOnQuality ? new QualityExclusion(exclusionNote, rule.ExcludeOnQuality && standing.Rejected) : null;
        return new ReportRow(record, standing, blinded, row, exclusion);
    }

    /// <summary>A row without a score: the agreed ratings shown, the disputed items empty, no verdict.</summary>
    private static AppraisalTableRow AwaitingConsensus(AppraisalInstrument instrument, ScoringRule rule, AppraisalStanding standing, string study)
    {
        var note = $"independent ratings differ on {(standing.DisputedItems.Count == 1 ? "item" : "items")} "
            + $"{string.Join(", ", standing.DisputedItems)}; a lead or resolver records the consensus";
        var missing = instrument.Items.Where(i => !standing.Counted.ContainsKey(i.Id)).Select(i => i.Id).ToList();
        var result = new AppraisalResult(instrument.Id, standing.InstrumentVersion, 0, 0, null, rule.ThresholdPercent, null, null, false,
            missing, [], [note]);
        return new AppraisalTableRow(study, [.. instrument.Items.Select(i => standing.Counted.GetValueOrDefault(i.Id))],
            AwaitingConsensusTotal, result, null, null, []);
    }

    /// <summary>"Cohen et al. (2023)": the first author's family name and the year, as appraisal tables print studies.</summary>
    public static string StudyLabel(BibRecord record)
    {
        var year = record.Year?.ToString(CultureInfo.InvariantCulture) ?? "n.d.";
        var family = (record.Authors.Count > 0 ? record.Authors[0] : null)?.Split(',')[0].Trim();
        if (string.IsNullOrWhiteSpace(family))
        {
            var title = string.IsNullOrWhiteSpace(record.Title) ? "Untitled record" : record.Title.Trim();
            return $"{(title.Length > 60 ? title[..57] + "..." : title)} ({year})";
        }
        return record.Authors.Count > 1 ? $"{family} et al. ({year})" : $"{family} ({year})";
    }
}
