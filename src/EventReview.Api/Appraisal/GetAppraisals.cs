using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Records;
using EventReview.Reviews;
using EventReview.Screening;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Appraisal;

/// <summary>
/// One record's appraisal with one instrument. <see cref="Ratings"/> are the ratings that count, in column order
/// (null where unrated or disputed); <see cref="Appraisers"/> and <see cref="Consensus"/> show who gave what.
/// Score, percentage and verdict are null while independent ratings await consensus. <see cref="Verdict"/> is what the
/// ratings so far give under the current rule; <see cref="Outcome"/> is the appraisal's verdict, "incomplete" until
/// it is final.
/// </summary>
public sealed record AppraisalRowView(
    Guid RecordId,
    string Study,
    string RecordStatus,
    bool ExcludedOnQuality,
    QualityExclusion? QualityExclusion,
    string Outcome,
    string Basis,
    bool Final,
    bool Blinded,
    IReadOnlyDictionary<string, string?> Ratings,
    string Total,
    int? Score,
    int? Maximum,
    double? Percentage,
    decimal ThresholdPercent,
    string? Verdict,
    OverallRating? OverallRating,
    bool Complete,
    IReadOnlyList<string> MissingItems,
    IReadOnlyList<string> NotApplicableItems,
    IReadOnlyList<string> DisputedItems,
    IReadOnlyList<string> PendingItems,
    IReadOnlyList<string> Notes,
    IReadOnlyList<AppraiserRatings> Appraisers,
    IReadOnlyDictionary<string, string> Consensus);

public sealed record InstrumentTableView(
    string Instrument,
    string InstrumentVersion,
    string InstrumentName,
    bool HasOverallRating,
    ScoringRule Scoring,
    IReadOnlyList<AppraisalTableColumn> Columns,
    IReadOnlyList<AppraisalRowView> Rows);

public sealed record AppraisalsView(Guid ReviewId, int AppraisersPerRecord, IReadOnlyList<InstrumentTableView> Instruments);

public static class GetAppraisalsEndpoint
{
    /// <summary>Per instrument, the table of appraised records: ratings, score, percentage, verdict, overall rating. `format=csv` for CSV.</summary>
    [WolverineGet("/api/reviews/{reviewId}/appraisals", OperationId = "getAppraisals", Summary = "The review's appraisal tables, scored under the current rules."), Tags("Appraisal")]
    [ProducesResponseType<AppraisalsView>(200)]
    public static async Task<IResult> Get(Guid reviewId, string? format, string? instrument, ClaimsPrincipal user, IQuerySession session,
        CancellationToken ct)
    {
        if (format is not (null or "json" or "csv")) return Problems.Invalid($"Unknown format '{format}'; json or csv.").ToResult();
        var (tables, status, problem) = await TablesAsync(reviewId, instrument, user, session, ct);
        if (problem is not null) return problem;
        if (format == "csv") return Csv(tables!);
        var settings = AppraisalSettings.For(reviewId, await session.LoadAsync<AppraisalSettings>(reviewId, ct));
        return Results.Ok(new AppraisalsView(reviewId, settings.AppraisersPerRecord, [.. tables!.Select(t => View(t, status!))]));
    }

    /// <summary>The tables as CSV: one table for `instrument`, else each instrument's table after a line naming it, blank lines between.</summary>
    [WolverineGet("/api/reviews/{reviewId}/appraisals.csv", OperationId = "getAppraisalsCsv", Summary = "The review's appraisal tables as CSV."), Tags("Appraisal")]
    [ProducesResponseType<string>(200, "text/csv")]
    public static async Task<IResult> GetCsv(Guid reviewId, string? instrument, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var (tables, _, problem) = await TablesAsync(reviewId, instrument, user, session, ct);
        return problem ?? Csv(tables!);
    }

    /// <returns>The tables, and each record's status as this viewer may see it.</returns>
    private static async Task<(IReadOnlyList<ReportTable>? Tables, Func<RecordState, string>? Status, IResult? Problem)> TablesAsync(Guid reviewId, string? instrument,
        ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var (review, denied) = await ReviewAccess.LoadAsync(session, reviewId, user, ct);
        if (denied is not null) return (null, null, denied.ToResult());

        var settings = AppraisalSettings.For(reviewId, await session.LoadAsync<AppraisalSettings>(reviewId, ct));
        AppraisalInstrument? only = null;
        if (instrument is not null && (only = settings.Instrument(instrument)) is null)
            return (null, null, Problems.Invalid($"unknown instrument '{instrument}'; this review's instruments are "
                + string.Join(", ", settings.Instruments().Select(i => i.Id))).ToResult());

        var appraisals = await session.Query<RecordAppraisal>().Where(a => a.ReviewId == reviewId).ToListAsync(ct);
        var records = (await session.LoadManyAsync<RecordState>(ct, appraisals.Select(a => a.Id))).ToDictionary(r => r.Id);
        var viewer = Actor.From(user).Id;
        var blinded = review!.Settings(Stage.FullText).Blinded && !Blinding.SeesEverything(review, viewer) ? viewer : null;
        var bibliography = await RecordBibliography.LoadAsync(session, records.Keys, ct);
        var appraised = new List<AppraisedRecord>();
        foreach (var a in appraisals.Where(a => records.ContainsKey(a.Id)))
        {
            var record = new AppraisedRecord(records[a.Id], bibliography[a.Id], a);
            appraised.Add(record.ExcludedOnQuality ? record with { ExclusionNote = await ExclusionNoteAsync(session, a.Id, ct) } : record);
        }
        return (AppraisalReport.Build(settings, appraised, blinded, only), r => Blinding.Status(review, viewer, r), null);
    }

    /// <summary>The note of the appraisal's standing exclusion, read from the record's stream (few records have one).</summary>
    private static async Task<string?> ExclusionNoteAsync(IQuerySession session, Guid recordId, CancellationToken ct) =>
        (await session.Events.FetchStreamAsync(recordId, token: ct)).Select(e => e.Data).OfType<ScreeningDecided>()
            .LastOrDefault(d => d is { Stage: Stage.FullText, Basis: DecisionBasis.Appraisal })?.Note;

    private static IResult Csv(IReadOnlyList<ReportTable> tables)
    {
        using var writer = new StringWriter();
        foreach (var table in tables)
        {
            if (tables.Count > 1)
            {
                if (table != tables[0]) writer.Write("\r\n");
                writer.Write(CsvCell.Text($"{table.Instrument.Name} ({table.Instrument.Id} {table.Instrument.Version})") + "\r\n");
            }
            AppraisalTableCsv.Write(writer, table.Table);
        }
        return Results.Text(writer.ToString(), "text/csv; charset=utf-8");
    }

    private static InstrumentTableView View(ReportTable table, Func<RecordState, string> status) => new(
        table.Instrument.Id,
        table.Instrument.Version,
        table.Instrument.Name,
        table.Table.HasOverallRating,
        table.Rule,
        table.Table.Columns,
        [.. table.Rows.Select(r => View(table.Instrument, r, status))]);

    private static AppraisalRowView View(AppraisalInstrument instrument, ReportRow row, Func<RecordState, string> status)
    {
        var standing = row.Standing;
        var scored = standing.Result is not null;
        var result = row.Row.Result;
        var ratings = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (item, rating) in instrument.Items.Zip(row.Row.Ratings)) ratings[item.Id] = rating;
        return new AppraisalRowView(
            row.Record.Id,
            row.Row.Study,
            status(row.Record),
            row.ExcludedOnQuality,
            row.Exclusion,
            standing.Outcome,
            EventReviewJson.Name(standing.Basis),
            standing.Final,
            row.Blinded,
            ratings,
            row.Row.Total,
            scored ? result.Score : null,
            scored ? result.Maximum : null,
            result.Percentage,
            result.ThresholdPercent,
            result.Verdict is { } v ? EventReviewJson.Name(v) : null,
            result.OverallRating,
            result.Complete,
            result.MissingItems,
            result.NotApplicableItems,
            standing.DisputedItems,
            standing.PendingItems,
            result.Notes,
            standing.Appraisers,
            standing.ConsensusRatings);
    }
}
