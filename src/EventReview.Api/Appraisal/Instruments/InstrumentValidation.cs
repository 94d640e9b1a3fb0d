using System.Text.RegularExpressions;

namespace EventReview.Appraisal;

/// <summary>
/// Checks a custom instrument definition (as a review lead submits it, possibly deserialized from JSON with
/// missing parts). Every problem is reported, not just the first.
/// </summary>
public static partial class InstrumentValidation
{
    public static IReadOnlyList<string> Validate(AppraisalInstrument? definition)
    {
        if (definition is null)
        {
            return ["no instrument definition given"];
        }

        var errors = new List<string>();
        if (definition.Id is null || !IdPattern().IsMatch(definition.Id))
        {
            errors.Add($"instrument id '{definition.Id}' must be lower-case letters and digits separated by single hyphens");
        }

        Require(errors, definition.Version, "instrument version");
        Require(errors, definition.Name, "instrument name");
        ValidateRatings(errors, definition.Ratings);
        ValidateItems(errors, definition);
        if (errors.Count > 0)
        {
            return errors;
        }

        errors.AddRange(ScoringValidation.Validate(definition, definition.DefaultScoring));
        ValidateOverall(errors, definition);
        return errors;
    }

    /// <exception cref="AppraisalValidationException">The definition has any problem.</exception>
    public static void EnsureValid(AppraisalInstrument? definition) => ThrowIfAny(Validate(definition));

    private static void ValidateRatings(List<string> errors, IReadOnlyList<RatingOption>? ratings)
    {
        if (ratings is null || ratings.Count == 0)
        {
            errors.Add("the instrument needs at least one rating");
            return;
        }

        foreach (var rating in ratings)
        {
            if (string.IsNullOrWhiteSpace(rating?.Code))
            {
                errors.Add("every rating needs a non-empty code");
                continue;
            }

            Require(errors, rating.Label, $"rating '{rating.Code}' label");
        }

        AddDuplicates(errors, ratings.Select(r => r?.Code), "rating code");
        if (ratings.All(r => r is null || r.NotApplicable))
        {
            errors.Add("the instrument needs at least one rating that is not a not-applicable rating");
        }
    }

    private static void ValidateItems(List<string> errors, AppraisalInstrument definition)
    {
        if (definition.Items is null || definition.Items.Count == 0)
        {
            errors.Add("the instrument needs at least one item");
            return;
        }

        var codes = new Dictionary<string, RatingOption>(StringComparer.Ordinal);
        foreach (var rating in (definition.Ratings ?? []).Where(r => r is not null))
        {
            codes.TryAdd(rating.Code ?? "", rating);
        }

        foreach (var item in definition.Items)
        {
            if (string.IsNullOrWhiteSpace(item?.Id))
            {
                errors.Add("every item needs a non-empty id");
                continue;
            }

            Require(errors, item.Text, $"item '{item.Id}' text");
            if (item.AllowedRatings is null)
            {
                continue;
            }

            if (item.AllowedRatings.Count == 0)
            {
                errors.Add($"item '{item.Id}' lists no allowed ratings; leave the list out to allow all");
            }

            foreach (var code in item.AllowedRatings.Where(c => !codes.ContainsKey(c ?? "")))
            {
                errors.Add($"item '{item.Id}' allows '{code}', which is not a rating of the instrument");
            }

            if (item.AllowedRatings.Count > 0 && item.AllowedRatings.All(c => codes.TryGetValue(c ?? "", out var r) && r.NotApplicable))
            {
                errors.Add($"item '{item.Id}' allows only not-applicable ratings");
            }
        }

        AddDuplicates(errors, definition.Items.Select(i => i?.Id), "item id");
    }

    private static void ValidateOverall(List<string> errors, AppraisalInstrument definition)
    {
        switch (definition.Overall)
        {
            case OverallRatingMethod.None:
                break;
            case OverallRatingMethod.Rob2:
                var codes = definition.Ratings.Select(r => r.Code).Order(StringComparer.Ordinal);
                if (!codes.SequenceEqual([Rob2.High, Rob2.Low, Rob2.SomeConcerns]))
                {
                    errors.Add("the rob2 overall rating needs exactly the ratings low, some-concerns and high");
                }

                break;
            case OverallRatingMethod.Rob1:
                if (!definition.Ratings.Select(r => r.Code).Order(StringComparer.Ordinal).SequenceEqual([Rob1.High, Rob1.Low, Rob1.Unclear]))
                {
                    errors.Add("the rob1 overall rating needs exactly the ratings low, unclear and high");
                }

                break;
            case OverallRatingMethod.Amstar2:
                if (definition.FindRating(Amstar2.No) is null || !definition.Items.Any(i => i.Critical))
                {
                    errors.Add("the amstar2 overall rating needs a 'no' rating and at least one critical item");
                }

                break;
            default:
                errors.Add($"overall rating method '{definition.Overall}' is not one of {string.Join(", ", Enum.GetValues<OverallRatingMethod>().Select(m => Hosting.EventReviewJson.Name(m)))}");
                break;
        }
    }

    private static void Require(List<string> errors, string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{what} must not be empty");
        }
    }

    private static void AddDuplicates(List<string> errors, IEnumerable<string?> values, string what)
    {
        foreach (var duplicate in values.OfType<string>().GroupBy(v => v, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"{what} '{duplicate.Key}' appears {duplicate.Count()} times; {what}s must be unique");
        }
    }

    private static void ThrowIfAny(IReadOnlyList<string> errors)
    {
        if (errors.Count > 0)
        {
            throw new AppraisalValidationException(errors);
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();
}
