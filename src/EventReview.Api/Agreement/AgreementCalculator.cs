using EventReview.Hosting;
namespace EventReview.Agreement;

/// <summary>Computes the agreement report from long-format ratings.</summary>
public static class AgreementCalculator
{
    /// <summary>
    /// The full agreement report. Throws <see cref="AgreementInputException"/> for blank fields, an item
    /// rated twice by one rater, or a label outside the given categories; every statistic that is
    /// undefined for valid data is null with a note instead.
    /// </summary>
    public static AgreementReport Compute(IReadOnlyList<Rating> ratings, AgreementOptions options)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(options);
        return Compute(RatingTable.Build(ratings, options.Categories), options);
    }

    /// <summary>The report of ratings already arranged (with <paramref name="options"/>' categories, if any).</summary>
    public static AgreementReport Compute(RatingTable table, AgreementOptions options)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        var notes = new List<string>();
        if (table.Raters.Count < 2)
        {
            notes.Add(table.Raters.Count == 0
                ? "There are no ratings, so no statistic is defined."
                : $"Agreement needs at least two raters; only '{table.Raters[0]}' rated, so no statistic is defined.");
            return new AgreementReport(
                table.Items.Count, table.Raters, table.Categories, null, null, null, null, null, null, null, null, null, [], null, notes);
        }

        var counts = table.CategoryCounts();
        var percentAgreement = GwetFamily.PercentAgreement(counts);
        if (percentAgreement is null)
        {
            notes.Add("percentAgreement: no item has two or more ratings.");
        }

        var pairs = Pairs(table, table.Raters.Count == 2 ? [] : notes);
        var twoRaters = table.Raters.Count == 2 ? TwoRaterStatistics(table, counts, options, notes) : null;
        if (twoRaters is null)
        {
            var names = options.Weights == KappaWeights.None ? "cohenKappa, scottPi and pabak" : "cohenKappa, weightedKappa, scottPi and pabak";
            notes.Add($"{names}: two-rater statistics, and there are {table.Raters.Count} raters; pairs gives Cohen's kappa for each pair.");
        }

        var fleiss = Take(Fleiss(table, counts, out var fleissNote), "fleissKappa", notes);
        if (fleissNote is not null)
        {
            notes.Add($"fleissKappa: {fleissNote}.");
        }

        var alpha = Take(Krippendorff.Alpha(counts, options.Level, table.NumericValues), "krippendorffAlpha", notes);
        if (options.Level == MeasurementLevel.Ordinal)
        {
            NoteAlphabeticalOrder(table, options, "krippendorffAlpha", notes);
        }

        var ac1 = Take(GwetFamily.Ac1(counts), "gwetAc1", notes);
        var brennanPrediger = Take(GwetFamily.BrennanPrediger(counts), "brennanPrediger", notes);
        var incomplete = MissingRatingsKappa.Compute(table, notes);
        return new AgreementReport(
            table.Items.Count,
            table.Raters,
            table.Categories,
            percentAgreement,
            twoRaters?.Cohen,
            twoRaters?.Weighted,
            fleiss,
            alpha,
            ac1,
            brennanPrediger,
            twoRaters?.Scott,
            twoRaters?.Pabak,
            pairs,
            incomplete,
            notes);
    }

    private static TwoRaterResults TwoRaterStatistics(RatingTable table, int[,] counts, AgreementOptions options, List<string> notes)
    {
        var q = table.Categories.Count;
        var crosstab = table.Crosstab(0, 1);
        var cohen = Take(CohenKappa.FromTable(crosstab, CohenKappa.Weights(q, KappaWeights.None)), "cohenKappa", notes);

        WeightedKappaResult? weighted = null;
        if (options.Weights != KappaWeights.None)
        {
            var name = EventReviewJson.Name(options.Weights);
            var kappa = Take(CohenKappa.FromTable(crosstab, CohenKappa.Weights(q, options.Weights)), "weightedKappa", notes);
            weighted = kappa is null ? null : new WeightedKappaResult(kappa.Value, kappa.Se, kappa.Z, kappa.P, name);
            NoteAlphabeticalOrder(table, options, "weightedKappa", notes);
        }

        var scott = Take(GwetFamily.FleissGeneralized(counts), "scottPi", notes);

        PabakResult? pabak = null;
        if (q == 2)
        {
            pabak = Take(Pabak.Compute(crosstab[0, 0] + crosstab[1, 1], crosstab.Cast<int>().Sum()), "pabak", notes);
        }
        else
        {
            notes.Add(q < 2
                ? "pabak: needs two categories and only one occurs; give both categories to compute it."
                : $"pabak: needs exactly two categories and there are {q}.");
        }

        return new TwoRaterResults(cohen, weighted, scott, pabak);
    }

    private static List<PairAgreement> Pairs(RatingTable table, List<string> notes)
    {
        var pairs = new List<PairAgreement>();
        var identity = CohenKappa.Weights(table.Categories.Count, KappaWeights.None);
        var crosstabs = table.PairCrosstabs();
        for (var a = 0; a < table.Raters.Count; a++)
        {
            for (var b = a + 1; b < table.Raters.Count; b++)
            {
                var crosstab = crosstabs[a, b];
                var label = $"pairs ({table.Raters[a]}, {table.Raters[b]}) cohenKappa";
                var kappa = Take(CohenKappa.FromTable(crosstab, identity), label, notes);
                pairs.Add(new PairAgreement(
                    [table.Raters[a], table.Raters[b]],
                    crosstab.Cast<int>().Sum(),
                    CohenKappa.PercentAgreement(crosstab),
                    kappa));
            }
        }

        return pairs;
    }

    /// <summary>
    /// Fleiss' kappa needs the same number of ratings per item. When the items with two or more
    /// ratings all have that, they are used; otherwise only the items every rater rated, which is
    /// what irr::kappam.fleiss does by dropping incomplete rows.
    /// </summary>
    private static Outcome<FleissKappaResult> Fleiss(RatingTable table, int[,] counts, out string? note)
    {
        note = null;
        // Ratings per item: the item's row of category counts adds up to them.
        var perItem = new int[table.Items.Count];
        for (var i = 0; i < perItem.Length; i++)
            for (var k = 0; k < table.Categories.Count; k++)
                perItem[i] += counts[i, k];
        var pairable = Enumerable.Range(0, perItem.Length).Where(i => perItem[i] >= 2).ToArray();
        if (pairable.Length == 0)
        {
            return Outcome.Undefined<FleissKappaResult>("no item has two or more ratings");
        }

        int[] used;
        if (pairable.Select(i => perItem[i]).Distinct().Count() == 1)
        {
            used = pairable;
            if (used.Length < perItem.Length)
            {
                note = $"computed on the {Items(used.Length)} with {perItem[used[0]]} ratings, leaving out {Items(perItem.Length - used.Length)} with a single rating";
            }
        }
        else
        {
            used = Enumerable.Range(0, perItem.Length).Where(i => perItem[i] == table.Raters.Count).ToArray();
            if (used.Length == 0)
            {
                return Outcome.Undefined<FleissKappaResult>(
                    $"it needs every item rated by the same number of raters; items have {perItem.Min()} to {perItem.Max()} ratings and none was rated by all {table.Raters.Count} raters (krippendorffAlpha and gwetAc1 allow missing ratings)");
            }

            note = $"computed on the {Items(used.Length)} rated by all {table.Raters.Count} raters, as irr::kappam.fleiss drops incomplete items, leaving out {Items(perItem.Length - used.Length)}";
        }

        return FleissKappa.FromCounts(MissingRatingsKappa.Rows(counts, used), table.Categories);
    }

    private static void NoteAlphabeticalOrder(RatingTable table, AgreementOptions options, string field, List<string> notes)
    {
        if (options.Categories is null && table.NumericValues is null && table.Categories.Count > 2)
        {
            notes.Add($"{field}: categories are taken in alphabetical order ({string.Join(" < ", table.Categories)}); give the categories to set their order.");
        }
    }

    private static string Items(int count) => count == 1 ? "1 item" : $"{count} items";

    private static T? Take<T>(Outcome<T> outcome, string field, List<string> notes)
        where T : class
    {
        notes.AddRange(outcome.Notes.Select(n => $"{field}: {n}."));
        return outcome.Result;
    }

    private sealed record TwoRaterResults(CohenKappaResult? Cohen, WeightedKappaResult? Weighted, CoefficientResult? Scott, PabakResult? Pabak);
}
