using System.Globalization;

namespace EventReview.Appraisal;

/// <summary>Turns one study's ratings into a score, a percentage, a verdict and the tool's overall rating.</summary>
public static class AppraisalScoring
{
    public static AppraisalResult Score(AppraisalInstrument instrument, IReadOnlyDictionary<string, string> ratings) =>
        Score(instrument, instrument.DefaultScoring, ratings);

    /// <exception cref="AppraisalValidationException">
    /// A rating names an unknown item or a code the item does not allow, or the rule does not fit the instrument.
    /// </exception>
    public static AppraisalResult Score(AppraisalInstrument instrument, ScoringRule rule, IReadOnlyDictionary<string, string> ratings)
    {
        RatingValidation.EnsureValid(instrument, ratings);
        ScoringValidation.EnsureValid(instrument, rule);

        int score = 0, maximum = 0;
        var missing = new List<string>();
        var notApplicable = new List<string>();
        foreach (var item in instrument.Items)
        {
            var itemMaximum = ItemMaximum(instrument, rule, item);
            if (!ratings.TryGetValue(item.Id, out var rating))
            {
                missing.Add(item.Id);
                maximum += itemMaximum;
            }
            else if (instrument.FindRating(rating)!.NotApplicable)
            {
                notApplicable.Add(item.Id);
                maximum += rule.NotApplicable == NotApplicableTreatment.CountAsZero ? itemMaximum : 0;
            }
            else
            {
                score += rule.Points[rating];
                maximum += itemMaximum;
            }
        }

        var notes = new List<string>();
        if (missing.Count > 0)
        {
            notes.Add($"{missing.Count} of {instrument.Items.Count} items not rated ({string.Join(", ", missing)}); they score 0 but count towards the maximum");
        }

        if (maximum == 0)
        {
            notes.Add("no item can earn points (all not applicable), so there is no percentage or verdict");
        }

        OverallRating? overall = null;
        if (instrument.Overall != OverallRatingMethod.None)
        {
            if (missing.Count == 0)
            {
                overall = OverallRatings.For(instrument, rule, ratings);
            }
            else
            {
                notes.Add("the overall rating needs every item rated");
            }
        }

        if (!rule.Summed)
        {
            // The tool's guidance forbids summing its domains: the overall judgement stands alone.
            notes.Add("judged by the tool's overall rule; domains are not summed, so there is no score or verdict");
            return new AppraisalResult(instrument.Id, instrument.Version, 0, 0, null, rule.ThresholdPercent, null, overall,
                missing.Count == 0, missing, notApplicable, notes) { Summed = false };
        }

        return new AppraisalResult(
            instrument.Id,
            instrument.Version,
            score,
            maximum,
            maximum == 0 ? null : (double)(score * 100m / maximum),
            rule.ThresholdPercent,
            maximum == 0 ? null : IsAccepted(score, maximum, rule.ThresholdPercent) ? AppraisalVerdict.Accepted : AppraisalVerdict.Rejected,
            overall,
            missing.Count == 0,
            missing,
            notApplicable,
            notes);
    }

    /// <summary>Exact and inclusive: score/maximum ≥ threshold% is tested as score × 100 ≥ threshold × maximum.</summary>
    public static bool IsAccepted(int score, int maximum, decimal thresholdPercent) =>
        maximum > 0 && score * 100m >= thresholdPercent * maximum;

    /// <summary>The lowest score accepted out of <paramref name="maximum"/> (Table 2 of the seed prints these).</summary>
    public static int MinimumAcceptedScore(int maximum, decimal thresholdPercent) =>
        (int)Math.Ceiling(thresholdPercent * maximum / 100m);

    /// <summary>The total as the seed prints it, "score/maximum (percentage%)", the percentage to at most one decimal.</summary>
    public static string FormatTotal(int score, int maximum) =>
        maximum == 0
            ? $"{score}/{maximum} (n/a)"
            : string.Create(CultureInfo.InvariantCulture, $"{score}/{maximum} ({Math.Round(score * 100m / maximum, 1, MidpointRounding.AwayFromZero):0.#}%)");

    /// <summary>The total, or for a tool that is not summed its overall judgement ("not rated" until it has one).</summary>
    public static string FormatTotal(AppraisalResult result) =>
        !result.Summed
            ? result.OverallRating?.Label ?? "no overall judgement yet"
            : FormatTotal(result.Score, result.Maximum);

    private static int ItemMaximum(AppraisalInstrument instrument, ScoringRule rule, InstrumentItem item) =>
        instrument.AllowedRatings(item)
            .Where(code => rule.Points.ContainsKey(code))
            .Select(code => rule.Points[code])
            .DefaultIfEmpty(0)
            .Max();
}
