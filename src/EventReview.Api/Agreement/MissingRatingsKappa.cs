namespace EventReview.Agreement;

/// <summary>
/// Kappa for incomplete designs, where not every rater rated every item (pools of screeners, a third reviewer on some
/// records, imported decisions): Fleiss' and Conger's kappa with Gwet's treatment of missing ratings, computed as
/// irrCAC's fleiss.kappa.raw and conger.kappa.raw do (unweighted, N = Inf), and irr::kappam.fleiss's listwise
/// deletion beside them. Percent agreement is averaged over the items with two or more ratings, chance agreement
/// takes every rating into account, and the variance is Gwet's linearisation over all rated items.
/// </summary>
public static class MissingRatingsKappa
{
    public const string FleissMethod = "Fleiss' kappa with Gwet's generalisation for missing ratings (irrCAC fleiss.kappa.raw)";
    public const string CongerMethod = "Conger's kappa with Gwet's generalisation for missing ratings (irrCAC conger.kappa.raw)";
    public const string ListwiseMethod = "Fleiss' kappa on the items every rater rated, listwise deletion (irr kappam.fleiss)";

    /// <summary>All three coefficients; null when fewer than two raters rated.</summary>
    public static IncompleteDesignResult? Compute(RatingTable table, List<string> notes)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(notes);
        if (table.Raters.Count < 2) return null;
        var counts = table.CategoryCounts();
        var complete = Enumerable.Range(0, table.Items.Count).Count(i => RowSum(counts, i) == table.Raters.Count);
        return new IncompleteDesignResult(
            complete == table.Items.Count,
            Take(Fleiss(table), "incompleteDesign.fleissKappa", notes),
            Take(Conger(table), "incompleteDesign.congerKappa", notes),
            Take(Listwise(table, counts), "incompleteDesign.listwiseFleissKappa", notes));
    }

    /// <summary>Fleiss' kappa: chance agreement from the category shares averaged over items (each item's own ratings).</summary>
    public static Outcome<MissingRatingsKappaResult> Fleiss(RatingTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var data = GwetFamily.Prepare(table.CategoryCounts());
        var pe = data.Shares.Sum(p => p * p);
        if (Undefined(data, pe) is { } why) return Outcome.Undefined<MissingRatingsKappaResult>(why);

        var kappa = (data.Agreement - pe) / (1 - pe);
        var linearised = new double[data.Ratings.Length];
        for (var i = 0; i < linearised.Length; i++)
        {
            double itemPe = 0;
            for (var k = 0; k < data.Shares.Length; k++) itemPe += data.Counts[i, k] * data.Shares[k];
            itemPe /= data.Ratings[i];
            linearised[i] = ItemKappa(data, i, pe) - 2 * (1 - kappa) * (itemPe - pe) / (1 - pe);
        }

        return Infer(FleissMethod, table, data, kappa, pe, linearised);
    }

    /// <summary>
    /// Conger's kappa: chance agreement from each rater's own category shares (over the items that rater rated), less
    /// their variance across raters, so a rater who rated few items weighs as much as one who rated many.
    /// </summary>
    public static Outcome<MissingRatingsKappaResult> Conger(RatingTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Raters.Count < 2) return Outcome.Undefined<MissingRatingsKappaResult>("it needs at least two raters");
        var data = GwetFamily.Prepare(table.CategoryCounts());
        var (r, q, n) = (table.Raters.Count, table.Categories.Count, table.Items.Count);
        var rated = new double[r];
        var shares = new double[r, q];
        for (var i = 0; i < n; i++)
        {
            foreach (var (g, c) in table.RatingsOf(i))
            {
                rated[g]++;
                shares[g, c]++;
            }
        }

        var mean = new double[q];
        for (var g = 0; g < r; g++)
            for (var k = 0; k < q; k++)
                mean[k] += (shares[g, k] /= rated[g]) / r;

        double pe = 0;
        for (var k = 0; k < q; k++)
        {
            double squares = 0;
            for (var g = 0; g < r; g++) squares += shares[g, k] * shares[g, k];
            pe += mean[k] * mean[k] - (squares - r * mean[k] * mean[k]) / (r - 1) / r;
        }

        if (Undefined(data, pe) is { } why) return Outcome.Undefined<MissingRatingsKappaResult>(why);
        var kappa = (data.Agreement - pe) / (1 - pe);

        // irrCAC's lamda_ig: rater g's share of item i's chance agreement. A rater who did not rate the item adds a
        // constant; one who did adds a term that depends only on the category chosen, so both are tabulated once.
        var absent = new double[r];
        var present = new double[r, q];
        double allAbsent = 0;
        for (var g = 0; g < r; g++)
        {
            for (var k = 0; k < q; k++)
            {
                var spread = r * mean[k] - shares[g, k];
                absent[g] += shares[g, k] * spread;
                for (var c = 0; c < q; c++)
                    present[g, c] += n / rated[g] * ((k == c ? 1 : 0) - (1 - rated[g] / n) * shares[g, k]) * spread;
            }

            allAbsent += absent[g];
        }

        var linearised = new double[n];
        for (var i = 0; i < n; i++)
        {
            var lamda = allAbsent;
            foreach (var (g, c) in table.RatingsOf(i)) lamda += present[g, c] - absent[g];
            var itemPe = lamda / (r * (r - 1.0));
            linearised[i] = ItemKappa(data, i, pe) - 2 * (1 - kappa) * (itemPe - pe) / (1 - pe);
        }

        return Infer(CongerMethod, table, data, kappa, pe, linearised);
    }

    /// <summary>Fleiss' kappa (irr::kappam.fleiss) on the items every rater rated, the others dropped as R's na.omit does.</summary>
    public static Outcome<ListwiseKappaResult> Listwise(RatingTable table, int[,] counts)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(counts);
        var r = table.Raters.Count;
        var used = Enumerable.Range(0, table.Items.Count).Where(i => RowSum(counts, i) == r).ToArray();
        if (used.Length == 0)
            return Outcome.Undefined<ListwiseKappaResult>($"no item was rated by all {r} raters, so listwise deletion leaves nothing");

        var fleiss = FleissKappa.FromCounts(Rows(counts, used), table.Categories);
        if (fleiss.Result is not { } k) return new Outcome<ListwiseKappaResult>(null, fleiss.Notes);
        return new Outcome<ListwiseKappaResult>(
            new ListwiseKappaResult(ListwiseMethod, k.Value, k.Z, k.P, used.Length, table.Items.Count - used.Length, r), fleiss.Notes);
    }

    /// <summary>The chosen rows of an items x categories matrix.</summary>
    public static int[,] Rows(int[,] counts, IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(rows);
        var subset = new int[rows.Count, counts.GetLength(1)];
        for (var i = 0; i < rows.Count; i++)
            for (var k = 0; k < counts.GetLength(1); k++)
                subset[i, k] = counts[rows[i], k];
        return subset;
    }

    /// <summary>Item i's agreement beyond chance, scaled so its mean over all rated items is kappa (irrCAC kappa.ivec).</summary>
    private static double ItemKappa(GwetFamily.Prepared data, int i, double pe) =>
        data.Ratings[i] >= 2 ? (double)data.Ratings.Length / data.Pairable * (data.ItemAgreement[i] - pe) / (1 - pe) : 0;

    private static string? Undefined(GwetFamily.Prepared data, double pe) =>
        data.Pairable == 0 ? "no item has two or more ratings"
        : 1 - pe < 1e-12 ? "every rating is in one category, so expected agreement is 1 and kappa is 0/0"
        : null;

    /// <summary>
    /// Standard error from the spread of the linearised item values; the interval and p-value use Student's t with
    /// n - 1 degrees of freedom, the interval's upper end capped at 1 and the p-value one-sided (kappa &gt; 0), as irrCAC.
    /// </summary>
    private static Outcome<MissingRatingsKappaResult> Infer(string method, RatingTable table, GwetFamily.Prepared data, double kappa,
        double pe, double[] linearised)
    {
        var n = linearised.Length;
        var ratings = data.Ratings.Sum();
        var result = new MissingRatingsKappaResult(method, kappa, data.Agreement, pe, null, null, null, n, data.Pairable, table.Raters.Count, ratings);
        if (n < 2) return Outcome.Of(result, "its standard error needs at least two items");

        var se = Math.Sqrt(linearised.Sum(x => (x - kappa) * (x - kappa)) / (n * (n - 1.0)));
        var t = Distributions.StudentTQuantile(0.975, n - 1);
        result = result with { Se = se, Ci95 = [kappa - se * t, Math.Min(1, kappa + se * t)] };
        return se > 0
            ? Outcome.Of(result with { P = Distributions.StudentTUpper(kappa / se, n - 1) })
            : Outcome.Of(result, "the p-value is undefined because the standard error is 0");
    }

    private static int RowSum(int[,] counts, int row)
    {
        var sum = 0;
        for (var k = 0; k < counts.GetLength(1); k++) sum += counts[row, k];
        return sum;
    }

    private static T? Take<T>(Outcome<T> outcome, string field, List<string> notes)
        where T : class
    {
        notes.AddRange(outcome.Notes.Select(n => $"{field}: {n}."));
        return outcome.Result;
    }
}
