namespace EventReview.Appraisal;

/// <summary>
/// The Cochrane Collaboration's tool for assessing risk of bias in randomised trials (Higgins et al. 2011,
/// BMJ 343:d5928; Cochrane Handbook 5.1, table 8.5.a). Item text is the tool's "support for judgement" prompt.
/// </summary>
public static class Rob1
{
    public const string Id = "rob1";
    public const string Low = "low";
    public const string High = "high";
    public const string Unclear = "unclear";

    private static readonly RatingOption[] Ratings =
    [
        new(Low, "Low risk of bias"),
        new(High, "High risk of bias"),
        new(Unclear, "Unclear risk of bias"),
    ];

    public static AppraisalInstrument Instrument { get; } = new(
        Id,
        "2011",
        "Cochrane risk-of-bias tool for randomised trials (RoB 1)",
        [
            new("random-sequence-generation",
                "Describe the method used to generate the allocation sequence in sufficient detail to allow an assessment of whether it should produce comparable groups.",
                "Random sequence generation", "Selection bias"),
            new("allocation-concealment",
                "Describe the method used to conceal the allocation sequence in sufficient detail to determine whether intervention allocations could have been foreseen in advance of, or during, enrolment.",
                "Allocation concealment", "Selection bias"),
            new("blinding-participants-personnel",
                "Describe all measures used, if any, to blind study participants and personnel from knowledge of which intervention a participant received. Provide any information relating to whether the intended blinding was effective.",
                "Blinding of participants and personnel", "Performance bias"),
            new("blinding-outcome-assessment",
                "Describe all measures used, if any, to blind outcome assessors from knowledge of which intervention a participant received. Provide any information relating to whether the intended blinding was effective.",
                "Blinding of outcome assessment", "Detection bias"),
            new("incomplete-outcome-data",
                "Describe the completeness of outcome data for each main outcome, including attrition and exclusions from the analysis. State whether attrition and exclusions were reported, the numbers in each intervention group (compared with total randomized participants), reasons for attrition/exclusions where reported, and any re-inclusions in analyses performed by the review authors.",
                "Incomplete outcome data", "Attrition bias"),
            new("selective-reporting",
                "State how the possibility of selective outcome reporting was examined by the review authors, and what was found.",
                "Selective reporting", "Reporting bias"),
            new("other-bias",
                "State any important concerns about bias not addressed in the other domains in the tool.",
                "Other bias", "Other bias"),
        ],
        Ratings,
        ScoringRule.JudgementOnly(Ratings),
        OverallRatingMethod.Rob1);
}
