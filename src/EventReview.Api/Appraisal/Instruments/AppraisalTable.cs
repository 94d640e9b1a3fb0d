namespace EventReview.Appraisal;

/// <summary>One study's row as entered: its ratings and, when transcribing a paper, the total and verdict it printed.</summary>
public sealed record AppraisalTableInput(
    string Study,
    IReadOnlyDictionary<string, string> Ratings,
    string? PrintedTotal = null,
    string? PrintedVerdict = null);

public sealed record AppraisalTableColumn(string ItemId, string Header);

/// <summary>A study's ratings in column order (null where unrated), its recomputed total and any discrepancy with what was printed.</summary>
public sealed record AppraisalTableRow(
    string Study,
    IReadOnlyList<string?> Ratings,
    string Total,
    AppraisalResult Result,
    string? PrintedTotal,
    string? PrintedVerdict,
    IReadOnlyList<string> Discrepancies)
{
    public bool Flagged => Discrepancies.Count > 0;
}

/// <summary>The per-instrument table a review prints: items as columns, studies as rows, total and verdict.</summary>
public sealed record AppraisalTable(
    string Instrument,
    string InstrumentVersion,
    string InstrumentName,
    bool HasOverallRating,
    IReadOnlyList<AppraisalTableColumn> Columns,
    IReadOnlyList<AppraisalTableRow> Rows);

public static class AppraisalTableBuilder
{
    /// <exception cref="AppraisalValidationException">A row's ratings do not fit the instrument (the message names the study).</exception>
    public static AppraisalTable Build(AppraisalInstrument instrument, ScoringRule rule, IEnumerable<AppraisalTableInput> rows)
    {
        var columns = instrument.Items.Select(i => new AppraisalTableColumn(i.Id, i.Label ?? i.Id)).ToList();
        var built = rows.Select(row => BuildRow(instrument, rule, row)).ToList();
        return new AppraisalTable(instrument.Id, instrument.Version, instrument.Name, instrument.Overall != OverallRatingMethod.None, columns, built);
    }

    private static AppraisalTableRow BuildRow(AppraisalInstrument instrument, ScoringRule rule, AppraisalTableInput row)
    {
        var errors = RatingValidation.Validate(instrument, row.Ratings);
        if (errors.Count > 0)
        {
            throw new AppraisalValidationException([.. errors.Select(e => $"{row.Study}: {e}")]);
        }

        var result = AppraisalScoring.Score(instrument, rule, row.Ratings);
        return new AppraisalTableRow(
            row.Study,
            [.. instrument.Items.Select(i => row.Ratings.GetValueOrDefault(i.Id))],
            AppraisalScoring.FormatTotal(result),
            result,
            row.PrintedTotal,
            row.PrintedVerdict,
            PrintedTotals.Compare(row.PrintedTotal, row.PrintedVerdict, result));
    }
}
