namespace EventReview.Agreement;

/// <summary>
/// Percent agreement, Gwet's AC1, Brennan-Prediger and Fleiss' generalized kappa (Scott's pi for two
/// raters) as Gwet's irrCAC computes them from raw ratings (pa.coeff.raw, gwet.ac1.raw, bp.coeff.raw,
/// fleiss.kappa.raw, unweighted). Missing ratings are allowed: agreement is averaged over the items
/// with two or more ratings, category shares over all rated items.
/// </summary>
public static class GwetFamily
{
    private const string NoPairs = "no item has two or more ratings";

    /// <summary>Percent agreement over the items with two or more ratings; null when there is none.</summary>
    public static double? PercentAgreement(int[,] counts)
    {
        var data = Prepare(counts);
        return data.Pairable == 0 ? null : data.Agreement;
    }

    /// <summary>Gwet's AC1 with its standard error (Gwet 2008).</summary>
    public static Outcome<GwetAc1Result> Ac1(int[,] counts)
    {
        var data = Prepare(counts);
        if (Undefined(data) is { } why)
        {
            return Outcome.Undefined<GwetAc1Result>(why);
        }

        var q = data.Shares.Length;
        var expected = data.Shares.Sum(p => p * (1 - p)) / (q - 1);
        var ac1 = (data.Agreement - expected) / (1 - expected);
        var n = data.Ratings.Length;
        if (n < 2)
        {
            return Outcome.Of(new GwetAc1Result(ac1, null), "its standard error needs at least two items");
        }

        // Linearised per-item contributions, whose spread gives the variance (irrCAC gwet.ac1.raw).
        double spread = 0;
        for (var i = 0; i < n; i++)
        {
            var itemAc1 = data.Ratings[i] >= 2 ? (double)n / data.Pairable * (data.ItemAgreement[i] - expected) / (1 - expected) : 0;
            double itemExpected = 0;
            for (var k = 0; k < q; k++)
            {
                itemExpected += data.Counts[i, k] * (1 - data.Shares[k]);
            }

            itemExpected /= (q - 1) * (double)data.Ratings[i];
            var linearised = itemAc1 - 2 * (1 - ac1) * (itemExpected - expected) / (1 - expected);
            spread += (linearised - ac1) * (linearised - ac1);
        }

        return Outcome.Of(new GwetAc1Result(ac1, Math.Sqrt(spread / (n * (n - 1.0)))));
    }

    /// <summary>Brennan-Prediger coefficient: chance agreement 1/q for q categories.</summary>
    public static Outcome<CoefficientResult> BrennanPrediger(int[,] counts)
    {
        var data = Prepare(counts);
        if (Undefined(data) is { } why)
        {
            return Outcome.Undefined<CoefficientResult>(why);
        }

        var expected = 1.0 / data.Shares.Length;
        return Outcome.Of(new CoefficientResult((data.Agreement - expected) / (1 - expected)));
    }

    /// <summary>Fleiss' generalized kappa (Scott's pi for two raters): chance agreement is the sum of squared category shares.</summary>
    public static Outcome<CoefficientResult> FleissGeneralized(int[,] counts)
    {
        var data = Prepare(counts);
        if (data.Pairable == 0)
        {
            return Outcome.Undefined<CoefficientResult>(NoPairs);
        }

        var expected = data.Shares.Sum(p => p * p);
        if (1 - expected < 1e-12)
        {
            return Outcome.Undefined<CoefficientResult>("every rating is in one category, so expected agreement is 1 and the coefficient is 0/0");
        }

        return Outcome.Of(new CoefficientResult((data.Agreement - expected) / (1 - expected)));
    }

    /// <summary>Why AC1 and Brennan-Prediger are undefined for the data, or null: both need pairs and two categories.</summary>
    private static string? Undefined(Prepared data) =>
        data.Pairable == 0 ? NoPairs
        : data.Shares.Length < 2 ? "there is only one category, so chance agreement is 1"
        : null;

    /// <summary>Per-item agreement and category shares over the rated items, shared with <see cref="MissingRatingsKappa"/>.</summary>
    internal static Prepared Prepare(int[,] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var q = counts.GetLength(1);

        // Items nobody rated carry no information; irrCAC asks for them to be left out.
        var rows = Enumerable.Range(0, counts.GetLength(0)).Where(i => RowSum(counts, i) > 0).ToArray();
        var kept = new int[rows.Length, q];
        var ratings = new int[rows.Length];
        var itemAgreement = new double[rows.Length];
        var shares = new double[q];
        double agreementSum = 0;
        var pairable = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            for (var k = 0; k < q; k++)
            {
                kept[i, k] = counts[rows[i], k];
                ratings[i] += kept[i, k];
            }

            double r = ratings[i];
            for (var k = 0; k < q; k++)
            {
                shares[k] += kept[i, k] / r / rows.Length;
            }

            if (ratings[i] >= 2)
            {
                double same = 0;
                for (var k = 0; k < q; k++)
                {
                    same += kept[i, k] * (kept[i, k] - 1.0);
                }

                itemAgreement[i] = same / (r * (r - 1));
                agreementSum += itemAgreement[i];
                pairable++;
            }
        }

        return new Prepared(kept, ratings, itemAgreement, shares, pairable, pairable == 0 ? 0 : agreementSum / pairable);
    }

    private static int RowSum(int[,] counts, int row)
    {
        var sum = 0;
        for (var k = 0; k < counts.GetLength(1); k++)
        {
            sum += counts[row, k];
        }

        return sum;
    }

    internal sealed record Prepared(int[,] Counts, int[] Ratings, double[] ItemAgreement, double[] Shares, int Pairable, double Agreement);
}
