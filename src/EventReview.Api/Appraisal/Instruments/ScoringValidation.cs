namespace EventReview.Appraisal;

/// <summary>Checks a scoring rule (an instrument's default or a review's own) against an instrument.</summary>
public static class ScoringValidation
{
    /// <summary>
    /// A rule fits an instrument when it gives whole, non-negative points to every rating code that is not a
    /// not-applicable code (and to no other code), at least one code earns points, and the threshold is 0 to 100.
    /// </summary>
    public static IReadOnlyList<string> Validate(AppraisalInstrument instrument, ScoringRule? rule)
    {
        if (rule is null)
        {
            return [$"instrument '{instrument.Id}' has no scoring rule"];
        }

        var errors = new List<string>();
        var points = rule.Points ?? new Dictionary<string, int>();
        foreach (var (code, value) in points)
        {
            var option = instrument.FindRating(code);
            if (option is null)
            {
                errors.Add($"scoring gives points to '{code}', which is not a rating of instrument '{instrument.Id}'");
            }
            else if (option.NotApplicable)
            {
                errors.Add($"scoring gives points to the not-applicable rating '{code}'; its treatment is the notApplicable setting");
            }

            if (value < 0)
            {
                errors.Add($"scoring gives negative points ({value}) to '{code}'");
            }
        }

        var uncovered = instrument.Ratings.Where(r => !r.NotApplicable && !points.ContainsKey(r.Code)).Select(r => r.Code).ToList();
        if (uncovered.Count > 0)
        {
            errors.Add($"scoring gives no points value for rating {string.Join(", ", uncovered.Select(c => $"'{c}'"))}; give every rating its points (0 included)");
        }
        else if (points.Values.All(v => v <= 0))
        {
            errors.Add("scoring gives no rating any points, so every maximum would be zero");
        }

        if (rule.ThresholdPercent is < 0m or > 100m)
        {
            errors.Add($"acceptance threshold {rule.ThresholdPercent}% is outside 0 to 100");
        }

        if (!Enum.IsDefined(rule.NotApplicable))
        {
            errors.Add($"notApplicable treatment '{rule.NotApplicable}' is not one of {string.Join(", ", Enum.GetValues<NotApplicableTreatment>().Select(t => Hosting.EventReviewJson.Name(t)))}");
        }

        if (rule.SomeConcernsDomainsForHigh is < 2)
        {
            errors.Add("someConcernsDomainsForHigh must be at least 2 (\"multiple\" domains); leave it unset for the published rule");
        }

        if (rule.NonCriticalWeaknessesForLow is < 2)
        {
            errors.Add("nonCriticalWeaknessesForLow must be at least 2 (\"multiple\" weaknesses); leave it unset for the published rule");
        }

        return errors;
    }

    /// <exception cref="AppraisalValidationException">The rule does not fit the instrument.</exception>
    public static void EnsureValid(AppraisalInstrument instrument, ScoringRule? rule)
    {
        var errors = Validate(instrument, rule);
        if (errors.Count > 0)
        {
            throw new AppraisalValidationException(errors);
        }
    }
}
