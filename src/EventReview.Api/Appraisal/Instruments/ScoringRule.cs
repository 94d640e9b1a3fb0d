namespace EventReview.Appraisal;

/// <summary>
/// How ratings become a score and a verdict, configurable per review and instrument. Points are whole numbers and
/// the threshold a decimal percentage so the verdict is decided exactly: accepted when
/// score × 100 ≥ threshold × maximum (inclusive).
/// </summary>
/// <param name="Points">Points for every rating code of the instrument that is not a not-applicable code.</param>
/// <param name="ThresholdPercent">Acceptance threshold in percent, inclusive (70 for "at least 70%").</param>
/// <param name="NotApplicable">Whether a not-applicable rating leaves the maximum or counts as zero points.</param>
/// <param name="SomeConcernsDomainsForHigh">
/// RoB 2 only. The published rule is high only when a domain is high; the tool also lets assessors judge "some
/// concerns in multiple domains" as high. When set (at least 2), that many some-concerns domains give high.
/// </param>
/// <param name="NonCriticalWeaknessesForLow">
/// AMSTAR 2 only. Shea et al. note that multiple non-critical weaknesses may move a review from moderate to low
/// confidence. When set (at least 2), that many weaknesses without a critical flaw give low.
/// </param>
/// <param name="ExcludeOnQuality">
/// Whether a final rejected verdict excludes the record at full text. Off unless the lead turns it on for the
/// instrument: a points threshold is the review's choice, not the tool's, so nobody is excluded by a default.
/// </param>
/// <param name="Summed">
/// Whether the points are summed into a score and verdict. False for the risk-of-bias tools' defaults, whose
/// guidance judges overall risk from the domains and forbids adding them up; a lead's explicit rule sums.
/// </param>
public sealed record ScoringRule(
    IReadOnlyDictionary<string, int> Points,
    decimal ThresholdPercent,
    NotApplicableTreatment NotApplicable,
    int? SomeConcernsDomainsForHigh = null,
    int? NonCriticalWeaknessesForLow = null,
    bool ExcludeOnQuality = false,
    bool Summed = true)
{
    /// <summary>A risk-of-bias tool's default: the official overall judgement only, no score, no verdict.</summary>
    public static ScoringRule JudgementOnly(IEnumerable<RatingOption> ratings) => Seed(ratings) with { Summed = false };

    /// <summary>
    /// The rule of Amin et al. 2025 (Cureus 17(6):e86988, Methods): one point for "low risk", "yes",
    /// "partial yes" or "1", two points for "2", none otherwise; accepted at 70% or more. The paper does not say
    /// how it treats "not applicable", so that stays a setting (excluded from the maximum by default).
    /// </summary>
    public static ScoringRule Seed(
        IEnumerable<RatingOption> ratings,
        NotApplicableTreatment notApplicable = NotApplicableTreatment.ExcludeFromDenominator) =>
        new(ratings.Where(r => !r.NotApplicable).ToDictionary(r => r.Code, r => SeedPoints(r.Code), StringComparer.Ordinal),
            70m,
            notApplicable);

    private static int SeedPoints(string code) => code switch
    {
        "low" or "yes" or "partial-yes" or "1" => 1,
        "2" => 2,
        _ => 0,
    };
}

public enum NotApplicableTreatment
{
    /// <summary>The item leaves both the score and the maximum.</summary>
    ExcludeFromDenominator,

    /// <summary>The item scores zero but its maximum still counts.</summary>
    CountAsZero,
}

public enum AppraisalVerdict
{
    Accepted,
    Rejected,
}
