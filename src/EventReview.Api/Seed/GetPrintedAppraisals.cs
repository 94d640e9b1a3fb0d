using System.Security.Claims;
using EventReview.Appraisal;
using EventReview.Hosting;
using EventReview.Records;
using EventReview.Reviews;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Seed;

/// <summary>One printed row beside the row recomputed from the ratings recorded in the review.</summary>
public sealed record PrintedRowView(
    string Study,
    Guid? RecordId,
    string RatingsSource,
    IReadOnlyDictionary<string, string?> Ratings,
    string Total,
    string? Verdict,
    bool Complete,
    string? PrintedTotal,
    string PrintedVerdict,
    string VerdictSource,
    bool Flagged,
    IReadOnlyList<string> Discrepancies);

public sealed record PrintedTableView(string Instrument, string InstrumentName, ScoringRule Scoring, IReadOnlyList<PrintedRowView> Rows);

/// <summary>Table 2's lowest accepted score beside the one the scoring rule gives for the same maximum.</summary>
public sealed record AcceptanceScoreView(string Instrument, int TotalScore, int PrintedAcceptedScore, int RecomputedAcceptedScore, bool Flagged);

public sealed record PrintedAppraisalsView(Guid ReviewId, string Source, IReadOnlyList<AcceptanceScoreView> AcceptanceScores, IReadOnlyList<PrintedTableView> Tables);

/// <summary>
/// The seed paper's appraisal tables (3 to 6) as printed, each row recomputed from the ratings recorded in the seed
/// review under the review's scoring rule, and flagged where the printed total or verdict does not follow from them.
/// The appraisal API stores ratings, not what a paper printed, so this comparison lives with the seed.
/// </summary>
public static class GetPrintedAppraisalsEndpoint
{
    [WolverineGet("/api/reviews/{reviewId}/seed/printed-appraisals", OperationId = "getPrintedAppraisals", Summary = "The seed paper's printed appraisal totals beside the recomputed ones."), Tags("Seed")]
    [ProducesResponseType<PrintedAppraisalsView>(200)]
    public static async Task<IResult> Get(Guid reviewId, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var (_, problem) = await ReviewAccess.LoadAsync(session, reviewId, user, ct);
        if (problem is not null) return problem.ToResult();
        if (reviewId != SeedPaper.ReviewId) return Problems.NotFound("Only the seed review has printed appraisal tables.").ToResult();

        var settings = AppraisalSettings.For(reviewId, await session.LoadAsync<AppraisalSettings>(reviewId, ct));
        var appraisals = await session.Query<RecordAppraisal>().Where(a => a.ReviewId == reviewId).ToListAsync(ct);
        var records = (await session.LoadManyAsync<RecordState>(ct, appraisals.Select(a => a.Id))).ToDictionary(r => r.Id);
        var bibliography = await RecordBibliography.LoadAsync(session, records.Keys, ct);
        var byStudy = appraisals.Where(a => records.ContainsKey(a.Id))
            .GroupBy(a => AppraisalReport.StudyLabel(bibliography[a.Id]))
            .ToDictionary(g => g.Key, g => g.OrderBy(a => records[a.Id].ImportOrder, StringComparer.Ordinal).First());
        return Results.Ok(Build(settings, byStudy));
    }

    /// <param name="recorded">The ratings recorded in the review, by the study label the tables print.</param>
    public static PrintedAppraisalsView Build(AppraisalSettings settings, IReadOnlyDictionary<string, RecordAppraisal> recorded)
    {
        var tables = SeedAppraisals.All.GroupBy(a => a.InstrumentId).Select(group =>
        {
            var instrument = settings.Instrument(group.Key)!;
            var rule = settings.RuleFor(instrument);
            var rows = group.Select(published =>
            {
                var appraisal = recorded.GetValueOrDefault(published.Study);
                var standing = appraisal is null ? null
                    : AppraisalStandings.Of(instrument, rule, appraisal.Of(instrument.Id), settings.AppraisersPerRecord);
                var ratings = standing?.Counted ?? new Dictionary<string, string>();
                var row = AppraisalTableBuilder.Build(instrument, rule,
                    [new AppraisalTableInput(published.Study, ratings, published.PrintedTotal, published.PrintedVerdict)]).Rows[0];
                var discrepancies = appraisal is null ? ["no ratings are recorded for this study in the review", .. row.Discrepancies] : row.Discrepancies;
                return new PrintedRowView(
                    published.Study,
                    appraisal?.Id,
                    published.RatingsSource,
                    instrument.Items.Zip(row.Ratings).ToDictionary(p => p.First.Id, p => p.Second),
                    row.Total,
                    row.Result.Verdict is { } v ? EventReviewJson.Name(v) : null,
                    row.Result.Complete,
                    published.PrintedTotal,
                    published.PrintedVerdict,
                    published.VerdictSource,
                    discrepancies.Count > 0,
                    discrepancies);
            }).ToList();
            return new PrintedTableView(instrument.Id, instrument.Name, rule, rows);
        }).ToList();

        var acceptance = SeedAppraisals.Table2.Select(t =>
        {
            var instrument = settings.Instrument(t.InstrumentId)!;
            var minimum = AppraisalScoring.MinimumAcceptedScore(t.TotalScore, settings.RuleFor(instrument).ThresholdPercent);
            return new AcceptanceScoreView(t.InstrumentId, t.TotalScore, t.AcceptedScore, minimum, minimum != t.AcceptedScore);
        }).ToList();
        return new PrintedAppraisalsView(SeedPaper.ReviewId, SeedPaper.ShortCitation + ", Tables 2 to 6", acceptance, tables);
    }
}
