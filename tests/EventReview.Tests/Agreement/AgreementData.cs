using System.Globalization;
using EventReview.Agreement;
using Shouldly;

namespace EventReview.Tests.Agreement;

/// <summary>Published reference data sets, and helpers that turn wide or tabulated data into long-format ratings.</summary>
internal static class AgreementData
{
    /// <summary>
    /// Psychiatric diagnoses of 30 patients by 6 raters (Fleiss 1971), coded 1 Depression, 2 Personality
    /// disorder, 3 Schizophrenia, 4 Neurosis, 5 Other: R irr's data(diagnoses), as copied in statsmodels'
    /// statsmodels/stats/tests/test_inter_rater.py (diagnoses).
    /// </summary>
    public static readonly int[][] Diagnoses =
    [
        [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5], [2, 2, 2, 4, 4, 4],
        [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4], [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5],
        [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4], [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5],
        [3, 3, 3, 3, 3, 5], [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
        [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4], [1, 4, 4, 4, 4, 5],
        [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4], [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
    ];

    /// <summary>
    /// Anxiety ratings (1-6) of 20 subjects by 3 raters: R irr's data(anxiety), as copied in statsmodels'
    /// test_inter_rater.py (anxiety, column-major).
    /// </summary>
    public static readonly int[][] Anxiety =
    [
        [3, 3, 2], [3, 6, 1], [3, 4, 4], [4, 6, 4], [5, 2, 3], [5, 4, 2], [2, 2, 1], [3, 4, 6], [5, 3, 1], [2, 3, 1],
        [2, 2, 1], [6, 3, 2], [1, 3, 3], [5, 3, 3], [2, 2, 1], [2, 2, 1], [1, 1, 3], [2, 3, 3], [4, 3, 2], [3, 4, 2],
    ];

    /// <summary>
    /// Krippendorff's reliability data: 4 observers x 12 units with missing values, from "Computing
    /// Krippendorff's Alpha-Reliability" (2011); the same data is irrCAC's cac.raw4raters and irr's kripp.alpha
    /// example (units here are rows, observers A-D columns).
    /// </summary>
    public static readonly int?[][] KrippendorffUnits =
    [
        [1, 1, null, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4],
        [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [null, 5, 5, 5], [null, null, 1, 1], [null, null, 3, null],
    ];

    /// <summary>
    /// irrCAC's cont3x3abstractors: 100 pregnancies classified by 2 abstractors as Ectopic, AIU or NIU
    /// (Gwet 2014, Handbook of Inter-Rater Reliability), rows abstractor 1, columns abstractor 2.
    /// </summary>
    public static readonly int[,] Abstractors = { { 13, 0, 0 }, { 0, 20, 7 }, { 0, 4, 56 } };

    public static readonly string[] AbstractorLabels = ["Ectopic", "AIU", "NIU"];

    /// <summary>Ratings from a wide matrix: one row per item, one column per rater (r1, r2, ...), null for a missing rating.</summary>
    public static List<Rating> Wide(IEnumerable<int?[]> rows)
    {
        var ratings = new List<Rating>();
        var item = 0;
        foreach (var row in rows)
        {
            item++;
            for (var r = 0; r < row.Length; r++)
            {
                if (row[r] is { } label)
                {
                    ratings.Add(new Rating($"i{item}", $"r{r + 1}", label.ToString(CultureInfo.InvariantCulture)));
                }
            }
        }

        return ratings;
    }

    public static List<Rating> Wide(IEnumerable<int[]> rows) => Wide(rows.Select(r => r.Select(v => (int?)v).ToArray()));

    /// <summary>Only the given rater columns (0-based) of a wide matrix.</summary>
    public static List<Rating> Columns(IEnumerable<int[]> rows, params int[] columns) =>
        Wide(rows.Select(r => columns.Select(c => r[c]).ToArray()));

    /// <summary>Two raters' ratings from their contingency table (rows: rater r1, columns: rater r2).</summary>
    public static List<Rating> FromTable(int[,] table, IReadOnlyList<string>? labels = null)
    {
        var ratings = new List<Rating>();
        var item = 0;
        for (var i = 0; i < table.GetLength(0); i++)
        {
            for (var j = 0; j < table.GetLength(1); j++)
            {
                for (var k = 0; k < table[i, j]; k++)
                {
                    item++;
                    ratings.Add(new Rating($"i{item}", "r1", Label(labels, i)));
                    ratings.Add(new Rating($"i{item}", "r2", Label(labels, j)));
                }
            }
        }

        return ratings;
    }

    /// <summary>
    /// Ratings from an items x categories table of rater counts (the layout of Fleiss 1971 and of
    /// statsmodels' fleiss_kappa): item i gets raters r1..rm, the first ones in the first category.
    /// </summary>
    public static List<Rating> FromCategoryCounts(int[,] counts, IReadOnlyList<string>? labels = null)
    {
        var ratings = new List<Rating>();
        for (var i = 0; i < counts.GetLength(0); i++)
        {
            var rater = 0;
            for (var c = 0; c < counts.GetLength(1); c++)
            {
                for (var k = 0; k < counts[i, c]; k++)
                {
                    rater++;
                    ratings.Add(new Rating($"i{i + 1}", $"r{rater}", Label(labels, c)));
                }
            }
        }

        return ratings;
    }

    public static AgreementReport Report(IReadOnlyList<Rating> ratings, AgreementOptions? options = null) =>
        AgreementCalculator.Compute(ratings, options ?? AgreementOptions.Default);

    /// <summary>Asserts agreement to the given number of decimals (half a unit in the last place).</summary>
    public static void ShouldBeNear(this double? actual, double expected, int decimals)
    {
        actual.ShouldNotBeNull();
        Math.Abs(actual.Value - expected).ShouldBeLessThanOrEqualTo(0.5 * Math.Pow(10, -decimals) + 1e-12, $"expected {expected}, got {actual.Value}");
    }

    public static void ShouldBeNear(this double actual, double expected, int decimals) => ((double?)actual).ShouldBeNear(expected, decimals);

    private static string Label(IReadOnlyList<string>? labels, int index) =>
        labels?[index] ?? index.ToString(CultureInfo.InvariantCulture);
}
