namespace EventReview.Appraisal;

/// <summary>The official overall judgements of RoB 1, RoB 2 and AMSTAR 2, derived from the item ratings.</summary>
public static class OverallRatings
{
    /// <summary>
    /// RoB 1 summary risk of bias (Higgins et al. 2011; Cochrane Handbook 5.1, table 8.7.a): "low risk of bias for
    /// all key domains" is low; "high risk of bias for one or more key domains" is high; "unclear risk of bias for
    /// one or more key domains" (and none high) is unclear. Every domain is taken as key: the handbook leaves the
    /// choice to the review, and a review that chooses fewer configures a score instead.
    /// </summary>
    public static OverallRating Rob1Judgement(IReadOnlyDictionary<string, string> domainJudgements)
    {
        var high = DomainsJudged(domainJudgements, Rob1.High);
        var unclear = DomainsJudged(domainJudgements, Rob1.Unclear);
        if (high.Count > 0) return new(Rob1.High, "High risk of bias", $"high risk of bias in {string.Join(", ", high)}");
        return unclear.Count > 0
            ? new(Rob1.Unclear, "Unclear risk of bias", $"unclear risk of bias in {string.Join(", ", unclear)}; no domain at high risk")
            : new(Rob1.Low, "Low risk of bias", $"low risk of bias in all {domainJudgements.Count} domains");
    }

    /// <summary>
    /// RoB 2 overall risk of bias (Sterne et al. 2019, BMJ 366:l4898, table 2): "low risk of bias: the trial is
    /// judged to be at low risk of bias for all domains for this result"; "some concerns: the trial is judged to
    /// raise some concerns in at least one domain for this result, but not to be at high risk of bias for any
    /// domain"; "high risk of bias: the trial is judged to be at high risk of bias in at least one domain for this
    /// result, or the trial is judged to have some concerns for multiple domains in a way that substantially lowers
    /// confidence in the result". The last clause is the assessors' judgement, not a count, so it applies only when
    /// the review sets <paramref name="someConcernsDomainsForHigh"/>: that many some-concerns domains give high.
    /// The guidance judges from the domains and never adds them up; see <see cref="ScoringRule.Summed"/>.
    /// </summary>
    /// <param name="domainJudgements">Domain id to judgement code (low, some-concerns, high).</param>
    public static OverallRating Rob2Judgement(IReadOnlyDictionary<string, string> domainJudgements, int? someConcernsDomainsForHigh = null)
    {
        var unknown = domainJudgements.Where(d => d.Value is not (Rob2.Low or Rob2.SomeConcerns or Rob2.High)).ToList();
        if (unknown.Count > 0)
        {
            throw new AppraisalValidationException(
                [.. unknown.Select(d => $"RoB 2 judgement '{d.Value}' for domain '{d.Key}' is not one of low, some-concerns, high")]);
        }

        var high = DomainsJudged(domainJudgements, Rob2.High);
        var concerns = DomainsJudged(domainJudgements, Rob2.SomeConcerns);
        if (high.Count > 0)
        {
            return new(Rob2.High, "High risk of bias", $"high risk of bias in {string.Join(", ", high)}");
        }

        if (concerns.Count > 0 && concerns.Count >= someConcernsDomainsForHigh)
        {
            return new(Rob2.High, "High risk of bias",
                $"some concerns in {concerns.Count} domains ({string.Join(", ", concerns)}), judged high from {someConcernsDomainsForHigh} such domains");
        }

        return concerns.Count > 0
            ? new(Rob2.SomeConcerns, "Some concerns", $"some concerns in {string.Join(", ", concerns)}; no domain at high risk")
            : new(Rob2.Low, "Low risk of bias", $"low risk of bias in all {domainJudgements.Count} domains");
    }

    /// <summary>
    /// AMSTAR 2 overall confidence (Shea et al. 2017, box 2). A "no" on a critical item is a critical flaw, on any
    /// other item a non-critical weakness; "partial yes" and "no meta-analysis conducted" are neither.
    /// High: no or one non-critical weakness. Moderate: more than one non-critical weakness. Low: one critical flaw
    /// with or without non-critical weaknesses. Critically low: more than one critical flaw.
    /// </summary>
    public static OverallRating Amstar2Confidence(
        AppraisalInstrument instrument, IReadOnlyDictionary<string, string> ratings, int? nonCriticalWeaknessesForLow = null)
    {
        var noes = instrument.Items.Where(i => ratings.TryGetValue(i.Id, out var r) && r == Amstar2.No).ToList();
        var flaws = noes.Where(i => i.Critical).Select(i => i.Id).ToList();
        var weaknesses = noes.Where(i => !i.Critical).Select(i => i.Id).ToList();
        var basis = $"critical flaws: {Items(flaws)}; non-critical weaknesses: {Items(weaknesses)}";

        return flaws.Count switch
        {
            > 1 => new("critically-low", "Critically low", basis),
            1 => new("low", "Low", basis),
            _ when weaknesses.Count > 1 && weaknesses.Count >= nonCriticalWeaknessesForLow =>
                new("low", "Low", $"{basis}; judged low from {nonCriticalWeaknessesForLow} non-critical weaknesses"),
            _ when weaknesses.Count > 1 => new("moderate", "Moderate", basis),
            _ => new("high", "High", basis),
        };
    }

    internal static OverallRating? For(AppraisalInstrument instrument, ScoringRule rule, IReadOnlyDictionary<string, string> ratings) =>
        instrument.Overall switch
        {
            OverallRatingMethod.Rob1 => Rob1Judgement(InItemOrder(instrument, ratings)),
            OverallRatingMethod.Rob2 => Rob2Judgement(InItemOrder(instrument, ratings), rule.SomeConcernsDomainsForHigh),
            OverallRatingMethod.Amstar2 => Amstar2Confidence(instrument, ratings, rule.NonCriticalWeaknessesForLow),
            _ => null,
        };

    private static Dictionary<string, string> InItemOrder(AppraisalInstrument instrument, IReadOnlyDictionary<string, string> ratings) =>
        instrument.Items.Where(i => ratings.ContainsKey(i.Id)).ToDictionary(i => i.Id, i => ratings[i.Id], StringComparer.Ordinal);

    private static List<string> DomainsJudged(IReadOnlyDictionary<string, string> judgements, string code) =>
        [.. judgements.Where(d => d.Value == code).Select(d => d.Key)];

    private static string Items(List<string> ids) => ids.Count switch
    {
        0 => "none",
        1 => $"item {ids[0]}",
        _ => $"items {string.Join(", ", ids)}",
    };
}
