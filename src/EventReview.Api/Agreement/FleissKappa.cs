namespace EventReview.Agreement;

/// <summary>
/// Fleiss' kappa for m raters per item (Fleiss 1971) with its z test and category-wise kappas,
/// computed as irr::kappam.fleiss (exact = FALSE, detail = TRUE) does.
/// </summary>
public static class FleissKappa
{
    /// <summary>
    /// Kappa from an items x categories matrix of rating counts in which every item has the same
    /// number m &gt;= 2 of ratings (the raters may differ from item to item).
    /// </summary>
    public static Outcome<FleissKappaResult> FromCounts(int[,] counts, IReadOnlyList<string> categories)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(categories);
        var n = counts.GetLength(0);
        var q = counts.GetLength(1);
        if (n == 0)
        {
            return Outcome.Undefined<FleissKappaResult>("no item to compute it on");
        }

        var m = RowSum(counts, 0);
        for (var i = 1; i < n; i++)
        {
            if (RowSum(counts, i) != m)
            {
                throw new ArgumentException("Fleiss' kappa needs the same number of ratings for every item.", nameof(counts));
            }
        }

        if (m < 2)
        {
            return Outcome.Undefined<FleissKappaResult>("items need at least two ratings");
        }

        double nm = (double)n * m;
        double agreement = 0;
        var shares = new double[q];
        var squares = new double[q];
        for (var i = 0; i < n; i++)
        {
            double rowSquares = 0;
            for (var j = 0; j < q; j++)
            {
                double x = counts[i, j];
                rowSquares += x * x;
                squares[j] += x * x;
                shares[j] += x / nm;
            }

            agreement += (rowSquares - m) / (m * (m - 1.0)) / n;
        }

        var expected = shares.Sum(p => p * p);
        if (1 - expected < 1e-12)
        {
            return Outcome.Undefined<FleissKappaResult>("every rating is in one category, so expected agreement is 1 and kappa is 0/0");
        }

        var kappa = (agreement - expected) / (1 - expected);
        var spq = shares.Sum(p => p * (1 - p));
        var skew = shares.Sum(p => p * (1 - p) * (1 - 2 * p));
        var variance = 2 / (spq * spq * nm * (m - 1)) * (spq * spq - skew);
        double? z = variance > 0 ? kappa / Math.Sqrt(variance) : null;

        var perCategory = new Dictionary<string, double?>(StringComparer.Ordinal);
        var unused = new List<string>();
        for (var j = 0; j < q; j++)
        {
            if (shares[j] <= 0)
            {
                perCategory[categories[j]] = null;
                unused.Add(categories[j]);
                continue;
            }

            var within = (squares[j] - nm * shares[j]) / (nm * (m - 1) * shares[j]);
            perCategory[categories[j]] = (within - shares[j]) / (1 - shares[j]);
        }

        var notes = new List<string>();
        if (unused.Count > 0)
        {
            notes.Add($"no rating used {string.Join(", ", unused.Select(c => $"'{c}'"))}, so its category-wise kappa is undefined");
        }

        if (z is null)
        {
            notes.Add("the z test is undefined because the standard error is 0");
        }

        var result = new FleissKappaResult(kappa, z, z is { } zz ? Distributions.TwoSidedP(zz) : null, perCategory);
        return new Outcome<FleissKappaResult>(result, notes);
    }

    private static int RowSum(int[,] counts, int row)
    {
        var sum = 0;
        for (var j = 0; j < counts.GetLength(1); j++)
        {
            sum += counts[row, j];
        }

        return sum;
    }
}
