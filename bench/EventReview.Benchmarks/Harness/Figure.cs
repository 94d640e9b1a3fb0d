namespace EventReview.Benchmarks.Harness;

/// <summary>How a figure is judged against the aim: on its own value, or on its ratio to the baseline.</summary>
public sealed record Aim(string Text, double Threshold, bool AtLeast, bool OnRatio = false)
{
    public bool? IsMet(double value, double? ratio) => OnRatio
        ? ratio is { } r ? (AtLeast ? r >= Threshold : r <= Threshold) : null
        : AtLeast ? value >= Threshold : value <= Threshold;
}

/// <summary>
/// One measured number. <paramref name="Baseline"/> names the metric of another figure measured in the same run
/// (at <paramref name="BaselineSize"/>, else at the same size); the report prints this figure's ratio to it.
/// </summary>
public sealed record Figure(
    string Scenario,
    string Metric,
    long Size,
    double Value,
    string Unit,
    string? Baseline = null,
    long? BaselineSize = null,
    Aim? Aim = null,
    string? Note = null);
