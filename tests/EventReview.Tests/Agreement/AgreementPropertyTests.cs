using System.Globalization;
using System.Text.Json;
using EventReview.Agreement;
using Shouldly;
using Xunit;
using static EventReview.Tests.Agreement.AgreementData;

namespace EventReview.Tests.Agreement;

/// <summary>Invariants checked on seeded random data sets.</summary>
public class AgreementPropertyTests
{
    private const int Runs = 150;

    [Fact]
    public void Pair_crosstabs_from_one_pass_equal_each_pair_counted_on_its_own()
    {
        var random = new Random(7);
        for (var run = 0; run < Runs; run++)
        {
            var raters = random.Next(2, 9);
            var categories = random.Next(2, 5);
            // Sparse, as when screeners split a review: each rater rates an item with probability one half.
            var ratings = Enumerable.Range(0, random.Next(1, 40)).SelectMany(item => Enumerable.Range(0, raters)
                    .Where(_ => random.Next(2) == 0)
                    .Select(rater => new Rating($"item{item}", $"rater{rater}", $"c{random.Next(categories)}")))
                .ToList();
            if (ratings.Count == 0) continue;
            var table = RatingTable.Build(ratings);

            var all = table.PairCrosstabs();

            for (var a = 0; a < table.Raters.Count; a++)
                for (var b = a + 1; b < table.Raters.Count; b++)
                    all[a, b].ShouldBe(table.Crosstab(a, b));
        }
    }

    [Fact]
    public void A_table_from_groups_of_identical_items_equals_the_table_of_every_rating_written_out()
    {
        var random = new Random(8);
        for (var run = 0; run < Runs; run++)
        {
            var raters = Enumerable.Range(0, random.Next(2, 7)).Select(r => $"rater{r}").ToArray();
            var labels = new[] { "exclude", "include", "maybe" }[..random.Next(2, 4)];
            var groups = Enumerable.Range(0, random.Next(1, 8)).Select(_ =>
                (Ratings: (IReadOnlyList<(string Rater, string Label)>)raters.Where(_ => random.Next(3) > 0)
                    .Select(r => (r, labels[random.Next(labels.Length)])).ToList(),
                 Count: (long)random.Next(0, 5))).ToList();
            var written = groups.SelectMany((g, i) => Enumerable.Range(0, (int)g.Count)
                .SelectMany(n => g.Ratings.Select(r => new Rating($"{i + 1:D6}-{n:D9}", r.Rater, r.Label)))).ToList();
            if (written.Count == 0) continue;

            var fromGroups = RatingTable.FromGroups(groups);
            var reference = RatingTable.Build(written);

            fromGroups.Items.ShouldBe(reference.Items);
            fromGroups.Raters.ShouldBe(reference.Raters);
            fromGroups.Categories.ShouldBe(reference.Categories);
            for (var i = 0; i < reference.Items.Count; i++)
                for (var r = 0; r < reference.Raters.Count; r++)
                    fromGroups[i, r].ShouldBe(reference[i, r]);
        }
    }

    [Fact]
    public void Perfect_agreement_gives_one_for_every_coefficient()
    {
        var random = new Random(1);
        for (var run = 0; run < Runs; run++)
        {
            var raters = random.Next(2, 6);
            var categories = random.Next(2, 5);
            var items = random.Next(4, 30);
            var rows = Enumerable.Range(0, items).Select(i => Enumerable.Repeat(1 + (i % categories), raters).ToArray()).ToList();
            var report = Report(Wide(rows), new AgreementOptions(KappaWeights.Quadratic, Level: MeasurementLevel.Interval));

            report.PercentAgreement.ShouldBe(1.0);
            report.FleissKappa!.Value.ShouldBe(1.0, 1e-12);
            report.KrippendorffAlpha!.Value.ShouldBe(1.0, 1e-12);
            report.GwetAc1!.Value.ShouldBe(1.0, 1e-12);
            report.BrennanPrediger!.Value.ShouldBe(1.0, 1e-12);
            report.Pairs.ShouldAllBe(p => Math.Abs(p.CohenKappa!.Value - 1) < 1e-12);
            if (raters == 2)
            {
                report.CohenKappa!.Value.ShouldBe(1.0, 1e-12);
                report.WeightedKappa!.Value.ShouldBe(1.0, 1e-12);
                report.ScottPi!.Value.ShouldBe(1.0, 1e-12);
            }
        }
    }

    [Fact]
    public void Statistics_do_not_depend_on_rater_order_names_or_the_order_of_ratings()
    {
        var random = new Random(2);
        for (var run = 0; run < Runs; run++)
        {
            var ratings = RandomRatings(random, random.Next(2, 5));
            var renamed = ratings
                .Select(r => r with { Rater = "z-" + r.Rater, Item = "item " + r.Item })
                .OrderBy(_ => random.Next())
                .ToList();
            var options = new AgreementOptions(KappaWeights.Linear, Level: MeasurementLevel.Ordinal);
            Statistics(Report(renamed, options)).ShouldMatch(Statistics(Report(ratings, options)));
        }
    }

    [Fact]
    public void Nominal_statistics_are_invariant_to_relabelling_the_categories()
    {
        var random = new Random(3);
        string[] names = ["include", "exclude", "maybe", "other"];
        for (var run = 0; run < Runs; run++)
        {
            var ratings = RandomRatings(random, random.Next(2, 5));
            var permutation = names.OrderBy(_ => random.Next()).ToArray();
            var relabelled = ratings.Select(r => r with { Label = permutation[int.Parse(r.Label, CultureInfo.InvariantCulture) - 1] }).ToList();
            Statistics(Report(relabelled), nominalOnly: true).ShouldMatch(Statistics(Report(ratings), nominalOnly: true));
        }
    }

    [Fact]
    public void Ordered_statistics_are_invariant_to_relabelling_that_keeps_the_order()
    {
        var random = new Random(4);
        string[] ordered = ["none", "low", "mid", "high"];
        for (var run = 0; run < Runs; run++)
        {
            var ratings = RandomRatings(random, random.Next(2, 5));
            var relabelled = ratings.Select(r => r with { Label = ordered[int.Parse(r.Label, CultureInfo.InvariantCulture) - 1] }).ToList();
            var numeric = new AgreementOptions(KappaWeights.Quadratic, ["1", "2", "3", "4"], MeasurementLevel.Ordinal);
            var named = new AgreementOptions(KappaWeights.Quadratic, ordered, MeasurementLevel.Ordinal);
            Statistics(Report(relabelled, named)).ShouldMatch(Statistics(Report(ratings, numeric)));
        }
    }

    [Fact]
    public void Interval_alpha_is_invariant_to_a_linear_change_of_scale()
    {
        var random = new Random(5);
        for (var run = 0; run < Runs; run++)
        {
            var ratings = RandomRatings(random, random.Next(2, 5));
            var rescaled = ratings.Select(r => r with { Label = (7 + 3 * int.Parse(r.Label, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture) }).ToList();
            var options = new AgreementOptions(Level: MeasurementLevel.Interval);
            var expected = Report(ratings, options).KrippendorffAlpha?.Value;
            var actual = Report(rescaled, options).KrippendorffAlpha?.Value;
            if (expected is null)
            {
                actual.ShouldBeNull();
            }
            else
            {
                actual!.Value.ShouldBe(expected.Value, 1e-12);
            }
        }
    }

    [Fact]
    public void Cohen_kappa_and_its_standard_errors_are_symmetric_in_the_two_raters()
    {
        var random = new Random(6);
        for (var run = 0; run < Runs; run++)
        {
            var ratings = RandomRatings(random, 2);
            var swapped = ratings.Select(r => r with { Rater = r.Rater == "r1" ? "r2" : "r1" }).OrderBy(r => r.Rater, StringComparer.Ordinal).ToList();
            foreach (var weights in new[] { KappaWeights.None, KappaWeights.Linear, KappaWeights.Quadratic })
            {
                Statistics(Report(swapped, new AgreementOptions(weights))).ShouldMatch(Statistics(Report(ratings, new AgreementOptions(weights))));
            }
        }
    }

    [Fact]
    public void Scotts_pi_equals_Fleiss_kappa_for_two_raters_without_missing_ratings()
    {
        // Fleiss (1971): for m = 2 raters his kappa reduces to Scott's pi.
        var random = new Random(7);
        for (var run = 0; run < Runs; run++)
        {
            var rows = Enumerable.Range(0, random.Next(3, 40)).Select(_ => new[] { random.Next(1, 4), random.Next(1, 4) }).ToList();
            var report = Report(Wide(rows));
            if (report.ScottPi is null)
            {
                report.FleissKappa.ShouldBeNull();
                continue;
            }

            report.FleissKappa!.Value.ShouldBe(report.ScottPi.Value, 1e-12);
        }
    }

    [Fact]
    public void Reports_on_small_and_degenerate_data_never_hold_NaN_or_infinity()
    {
        var random = new Random(8);
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        for (var run = 0; run < 500; run++)
        {
            var ratings = RandomRatings(random, random.Next(1, 4), maxItems: 4, maxCategories: 2, missing: 0.4);
            foreach (var level in Enum.GetValues<MeasurementLevel>())
            {
                var report = Report(ratings, new AgreementOptions(KappaWeights.Quadratic, Level: level));

                // System.Text.Json refuses NaN and infinity, so serializing is the check.
                Should.NotThrow(() => JsonSerializer.Serialize(report, web));
                Statistics(report).ShouldAllBe(v => v == null || double.IsFinite(v.Value));
            }
        }
    }

    /// <summary>Random ratings with labels "1".."4", some ratings missing.</summary>
    private static List<Rating> RandomRatings(Random random, int raters, int maxItems = 25, int maxCategories = 4, double missing = 0.15)
    {
        var categories = random.Next(2, maxCategories + 1);
        var rows = Enumerable.Range(0, random.Next(2, maxItems + 1))
            .Select(_ => Enumerable.Range(0, raters)
                .Select(_ => random.NextDouble() < missing ? (int?)null : random.Next(1, categories + 1))
                .ToArray())
            .ToList();
        return Wide(rows);
    }

    /// <summary>The report's numbers in a fixed order (per-category kappas and pairs sorted by name).</summary>
    private static List<double?> Statistics(AgreementReport report, bool nominalOnly = false)
    {
        List<double?> values =
        [
            report.PercentAgreement,
            report.CohenKappa?.Value, report.CohenKappa?.Se, report.CohenKappa?.Z, report.CohenKappa?.P,
            report.FleissKappa?.Value, report.FleissKappa?.Z, report.FleissKappa?.P,
            report.KrippendorffAlpha?.Value,
            report.GwetAc1?.Value, report.GwetAc1?.Se,
            report.BrennanPrediger?.Value, report.ScottPi?.Value,
            report.Pabak?.Value, report.Pabak?.Ci95[0], report.Pabak?.Ci95[1],
        ];
        if (!nominalOnly)
        {
            values.AddRange([report.WeightedKappa?.Value, report.WeightedKappa?.Se, report.WeightedKappa?.Z, report.WeightedKappa?.P]);
        }

        values.AddRange(report.FleissKappa?.PerCategory.Values.Order() ?? Enumerable.Empty<double?>());
        values.AddRange(report.Pairs
            .OrderBy(p => string.Join("|", p.Raters.Order(StringComparer.Ordinal)), StringComparer.Ordinal)
            .SelectMany(p => new[] { p.Items, p.PercentAgreement, p.CohenKappa?.Value, p.CohenKappa?.Se, p.CohenKappa?.Z }));
        return values;
    }
}

internal static class StatisticsAssertions
{
    /// <summary>Same statistics: both null, or equal to 1e-10.</summary>
    public static void ShouldMatch(this List<double?> actual, List<double?> expected)
    {
        actual.Count.ShouldBe(expected.Count);
        for (var i = 0; i < actual.Count; i++)
        {
            if (expected[i] is { } e)
            {
                actual[i].ShouldNotBeNull($"statistic {i}");
                actual[i]!.Value.ShouldBe(e, 1e-10, $"statistic {i}");
            }
            else
            {
                actual[i].ShouldBeNull($"statistic {i}");
            }
        }
    }
}
