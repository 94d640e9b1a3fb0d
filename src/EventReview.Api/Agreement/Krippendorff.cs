using EventReview.Hosting;
namespace EventReview.Agreement;

/// <summary>
/// Krippendorff's alpha via the coincidence matrix ("Computing Krippendorff's Alpha-Reliability", 2011),
/// for any number of raters and missing ratings: alpha = 1 - (n - 1) * sum o_ck d_ck / sum n_c n_k d_ck.
/// </summary>
public static class Krippendorff
{
    /// <summary>
    /// Alpha from an items x categories matrix of rating counts. Categories are in order (for the
    /// ordinal level); <paramref name="values"/> are their numbers (needed for interval and ratio).
    /// </summary>
    public static Outcome<KrippendorffAlphaResult> Alpha(int[,] counts, MeasurementLevel level, IReadOnlyList<double>? values)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var name = EventReviewJson.Name(level);
        if (level is MeasurementLevel.Interval or MeasurementLevel.Ratio && values is null)
        {
            return Outcome.Undefined<KrippendorffAlphaResult>($"the {name} level needs numeric labels");
        }

        if (level is MeasurementLevel.Ratio && values!.Any(v => v < 0))
        {
            return Outcome.Undefined<KrippendorffAlphaResult>("the ratio level needs non-negative values");
        }

        var coincidences = Coincidences(counts);
        var q = coincidences.GetLength(0);
        var totals = new double[q];
        for (var c = 0; c < q; c++)
        {
            for (var k = 0; k < q; k++)
            {
                totals[c] += coincidences[c, k];
            }
        }

        var n = totals.Sum();
        if (n == 0)
        {
            return Outcome.Undefined<KrippendorffAlphaResult>("no item has two or more ratings, so there are no pairable values");
        }

        double observed = 0, expected = 0;
        for (var c = 0; c < q; c++)
        {
            for (var k = 0; k < q; k++)
            {
                var delta = SquaredDifference(level, c, k, totals, values);
                observed += coincidences[c, k] * delta;
                expected += totals[c] * totals[k] * delta;
            }
        }

        if (expected <= 0)
        {
            return Outcome.Undefined<KrippendorffAlphaResult>(
                "all pairable ratings are equal, so expected disagreement is 0 and alpha is 0/0");
        }

        return Outcome.Of(new KrippendorffAlphaResult(1 - (n - 1) * observed / expected, name));
    }

    /// <summary>The coincidence matrix: each item with m &gt;= 2 ratings adds its m(m - 1) ordered pairs with weight 1/(m - 1).</summary>
    public static double[,] Coincidences(int[,] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var q = counts.GetLength(1);
        var result = new double[q, q];
        for (var i = 0; i < counts.GetLength(0); i++)
        {
            var m = 0;
            for (var c = 0; c < q; c++)
            {
                m += counts[i, c];
            }

            if (m < 2)
            {
                continue;
            }

            for (var c = 0; c < q; c++)
            {
                if (counts[i, c] == 0)
                {
                    continue;
                }

                for (var k = 0; k < q; k++)
                {
                    var pairs = (double)counts[i, c] * (counts[i, k] - (c == k ? 1 : 0));
                    result[c, k] += pairs / (m - 1);
                }
            }
        }

        return result;
    }

    private static double SquaredDifference(MeasurementLevel level, int c, int k, double[] totals, IReadOnlyList<double>? values)
    {
        if (c == k)
        {
            return 0;
        }

        switch (level)
        {
            case MeasurementLevel.Ordinal:
                var (lo, hi) = c < k ? (c, k) : (k, c);
                var between = 0.0;
                for (var g = lo; g <= hi; g++)
                {
                    between += totals[g];
                }

                var d = between - (totals[lo] + totals[hi]) / 2;
                return d * d;
            case MeasurementLevel.Interval:
                var diff = values![c] - values[k];
                return diff * diff;
            case MeasurementLevel.Ratio:
                var sum = values![c] + values[k];
                return sum == 0 ? 0 : Math.Pow((values[c] - values[k]) / sum, 2);
            default:
                return 1;
        }
    }
}
