namespace EventReview.Agreement;

/// <summary>Weights for the weighted kappa, on the category's position in the category order.</summary>
public enum KappaWeights
{
    None,

    /// <summary>Cicchetti-Allison: 1 - |i - j| / (q - 1), as irr::kappa2 "equal".</summary>
    Linear,

    /// <summary>Fleiss-Cohen: 1 - (i - j)^2 / (q - 1)^2, as irr::kappa2 "squared".</summary>
    Quadratic,
}

/// <summary>Level of measurement for Krippendorff's alpha.</summary>
public enum MeasurementLevel
{
    Nominal,
    Ordinal,
    Interval,
    Ratio,
}

/// <summary>
/// How to compute the agreement report. <paramref name="Categories"/> fixes the category order
/// (and adds categories nobody used); without it the observed labels are sorted, numerically when
/// all are numbers.
/// </summary>
public sealed record AgreementOptions(
    KappaWeights Weights = KappaWeights.None,
    IReadOnlyList<string>? Categories = null,
    MeasurementLevel Level = MeasurementLevel.Nominal)
{
    public static AgreementOptions Default { get; } = new();

    /// <summary>
    /// Reads the options as the CLI and the HTTP endpoint receive them: weights none|linear|quadratic,
    /// categories as a comma-separated list, level nominal|ordinal|interval|ratio. Null or blank means default.
    /// </summary>
    public static AgreementOptions Parse(string? weights, string? categories, string? level) =>
        new(ParseWeights(weights), ParseCategories(categories), ParseLevel(level));

    private static KappaWeights ParseWeights(string? text) =>
        (text?.Trim().ToLowerInvariant() ?? "") switch
        {
            "" or "none" or "unweighted" => KappaWeights.None,
            "linear" => KappaWeights.Linear,
            "quadratic" => KappaWeights.Quadratic,
            _ => throw new AgreementInputException($"Unknown weights '{text}': use none, linear or quadratic."),
        };

    private static MeasurementLevel ParseLevel(string? text) =>
        (text?.Trim().ToLowerInvariant() ?? "") switch
        {
            "" or "nominal" => MeasurementLevel.Nominal,
            "ordinal" => MeasurementLevel.Ordinal,
            "interval" => MeasurementLevel.Interval,
            "ratio" => MeasurementLevel.Ratio,
            _ => throw new AgreementInputException($"Unknown level '{text}': use nominal, ordinal, interval or ratio."),
        };

    private static string[]? ParseCategories(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var categories = text.Split(',').Select(c => c.Trim()).ToArray();
        if (categories.Any(c => c.Length == 0))
        {
            throw new AgreementInputException($"Categories '{text}' contain a blank entry.");
        }

        return categories;
    }
}
