namespace EventReview.Agreement;

/// <summary>
/// Cohen's kappa and weighted kappa for two raters from their contingency table, with the
/// large-sample standard errors of Fleiss, Cohen and Everitt (1969): the SE for the confidence
/// interval is the non-null one, the z test uses the SE under kappa = 0 (as irr::kappa2 and SAS PROC FREQ).
/// </summary>
public static class CohenKappa
{
    /// <summary>Agreement weights on category positions: 1 on the diagonal, falling to 0 at the farthest pair.</summary>
    public static double[,] Weights(int categories, KappaWeights weights)
    {
        var w = new double[categories, categories];
        var span = Math.Max(categories - 1, 1);
        for (var i = 0; i < categories; i++)
        {
            for (var j = 0; j < categories; j++)
            {
                double d = Math.Abs(i - j);
                w[i, j] = weights switch
                {
                    KappaWeights.Linear => 1 - d / span,
                    KappaWeights.Quadratic => 1 - d * d / ((double)span * span),
                    _ => i == j ? 1 : 0,
                };
            }
        }

        return w;
    }

    /// <summary>Kappa from a table of counts (rows: first rater, columns: second rater) and agreement weights.</summary>
    public static Outcome<CohenKappaResult> FromTable(int[,] table, double[,] weights)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(weights);
        var q = table.GetLength(0);
        double n = 0;
        foreach (var count in table)
        {
            n += count;
        }

        if (n == 0)
        {
            return Outcome.Undefined<CohenKappaResult>("no item was rated by both raters");
        }

        var rows = new double[q];
        var cols = new double[q];
        for (var i = 0; i < q; i++)
        {
            for (var j = 0; j < q; j++)
            {
                rows[i] += table[i, j] / n;
                cols[j] += table[i, j] / n;
            }
        }

        double observed = 0, expected = 0;
        for (var i = 0; i < q; i++)
        {
            for (var j = 0; j < q; j++)
            {
                observed += weights[i, j] * table[i, j] / n;
                expected += weights[i, j] * rows[i] * cols[j];
            }
        }

        if (1 - expected < 1e-12)
        {
            return Outcome.Undefined<CohenKappaResult>(
                "expected agreement is 1 (both raters used one and the same category), so kappa is 0/0");
        }

        var kappa = (observed - expected) / (1 - expected);

        // Weighted marginal means w(i.) = sum_j w_ij p(.j) and w(.j) = sum_i w_ij p(i.).
        var rowMeans = new double[q];
        var colMeans = new double[q];
        for (var i = 0; i < q; i++)
        {
            for (var j = 0; j < q; j++)
            {
                rowMeans[i] += weights[i, j] * cols[j];
                colMeans[j] += weights[i, j] * rows[i];
            }
        }

        double sum = 0, sumNull = 0;
        for (var i = 0; i < q; i++)
        {
            for (var j = 0; j < q; j++)
            {
                var margin = rowMeans[i] + colMeans[j];
                sum += table[i, j] / n * Square(weights[i, j] - margin * (1 - kappa));
                sumNull += rows[i] * cols[j] * Square(weights[i, j] - margin);
            }
        }

        var scale = n * Square(1 - expected);
        var se = Math.Sqrt(Math.Max(0, (sum - Square(kappa - expected * (1 - kappa))) / scale));
        var seNull = Math.Sqrt(Math.Max(0, (sumNull - Square(expected)) / scale));
        double[] ci = [kappa - Distributions.Z975 * se, kappa + Distributions.Z975 * se];
        if (seNull <= 0)
        {
            return Outcome.Of(
                new CohenKappaResult(kappa, se, ci, null, null),
                "the z test is undefined because the standard error under kappa = 0 is 0");
        }

        var z = kappa / seNull;
        return Outcome.Of(new CohenKappaResult(kappa, se, ci, z, Distributions.TwoSidedP(z)));
    }

    /// <summary>Share of the items both raters rated on which they gave the same label; null when they share no item.</summary>
    public static double? PercentAgreement(int[,] table)
    {
        ArgumentNullException.ThrowIfNull(table);
        double n = 0, same = 0;
        for (var i = 0; i < table.GetLength(0); i++)
        {
            for (var j = 0; j < table.GetLength(1); j++)
            {
                n += table[i, j];
                same += i == j ? table[i, j] : 0;
            }
        }

        return n == 0 ? null : same / n;
    }

    private static double Square(double x) => x * x;
}
