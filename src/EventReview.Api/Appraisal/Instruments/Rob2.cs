namespace EventReview.Appraisal;

/// <summary>
/// RoB 2, the revised Cochrane risk-of-bias tool for randomized trials (Sterne et al. 2019, BMJ 366:l4898;
/// tool version of 22 August 2019). The five domain judgements are the items; the overall judgement is derived
/// from them by the tool's rule (see <see cref="OverallRatings.Rob2Judgement"/>).
/// </summary>
public static class Rob2
{
    public const string Id = "rob2";
    public const string Low = "low";
    public const string SomeConcerns = "some-concerns";
    public const string High = "high";

    private static readonly RatingOption[] Ratings =
    [
        new(Low, "Low risk of bias"),
        new(SomeConcerns, "Some concerns"),
        new(High, "High risk of bias"),
    ];

    public static AppraisalInstrument Instrument { get; } = new(
        Id,
        "2019-08-22",
        "Cochrane risk-of-bias tool for randomized trials, version 2 (RoB 2)",
        [
            new("d1", "Bias arising from the randomization process", "Randomization process", "D1"),
            new("d2", "Bias due to deviations from intended interventions", "Deviations from intended interventions", "D2"),
            new("d3", "Bias due to missing outcome data", "Missing outcome data", "D3"),
            new("d4", "Bias in measurement of the outcome", "Measurement of the outcome", "D4"),
            new("d5", "Bias in selection of the reported result", "Selection of the reported result", "D5"),
        ],
        Ratings,
        ScoringRule.JudgementOnly(Ratings),
        OverallRatingMethod.Rob2);
}
