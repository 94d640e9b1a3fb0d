namespace EventReview.Appraisal;

/// <summary>Checks a rating set against an instrument before it is scored or recorded.</summary>
public static class RatingValidation
{
    /// <returns>One message per problem; empty when every rating names a known item and an allowed code.</returns>
    public static IReadOnlyList<string> Validate(AppraisalInstrument instrument, IReadOnlyDictionary<string, string>? ratings)
    {
        if (ratings is null)
        {
            return ["no ratings given"];
        }

        var errors = new List<string>();
        foreach (var (itemId, rating) in ratings)
        {
            var item = instrument.FindItem(itemId);
            if (item is null)
            {
                errors.Add($"unknown item '{itemId}' for instrument '{instrument.Id}'; its items are {string.Join(", ", instrument.Items.Select(i => i.Id))}");
                continue;
            }

            var allowed = instrument.AllowedRatings(item);
            if (string.IsNullOrWhiteSpace(rating))
            {
                errors.Add($"item '{itemId}' of instrument '{instrument.Id}' has an empty rating; allowed: {string.Join(", ", allowed)}");
            }
            else if (!allowed.Contains(rating, StringComparer.Ordinal))
            {
                errors.Add($"rating '{rating}' is not allowed for item '{itemId}' of instrument '{instrument.Id}'; allowed: {string.Join(", ", allowed)}");
            }
        }

        return errors;
    }

    /// <exception cref="AppraisalValidationException">Any rating names an unknown item or a disallowed code.</exception>
    public static void EnsureValid(AppraisalInstrument instrument, IReadOnlyDictionary<string, string>? ratings)
    {
        var errors = Validate(instrument, ratings);
        if (errors.Count > 0)
        {
            throw new AppraisalValidationException(errors);
        }
    }
}
