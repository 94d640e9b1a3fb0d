namespace EventReview.Appraisal;

/// <summary>
/// The scored appraisal of one study with one instrument. <see cref="Percentage"/> is null when the maximum is
/// zero (every item not applicable); the verdict is then null too. Unrated items count 0 points towards the
/// maximum, so an incomplete appraisal is never scored more favourably than it could end up.
/// </summary>
public sealed record AppraisalResult(
    string Instrument,
    string InstrumentVersion,
    int Score,
    int Maximum,
    double? Percentage,
    decimal ThresholdPercent,
    AppraisalVerdict? Verdict,
    OverallRating? OverallRating,
    bool Complete,
    IReadOnlyList<string> MissingItems,
    IReadOnlyList<string> NotApplicableItems,
    IReadOnlyList<string> Notes)
{
    /// <summary>False when the rule judges by the tool's overall rating alone: score and maximum are then meaningless.</summary>
    public bool Summed { get; init; } = true;
}

/// <summary>An instrument's own overall judgement, with the facts it rests on (for example which items were flaws).</summary>
public sealed record OverallRating(string Code, string Label, string Basis);
