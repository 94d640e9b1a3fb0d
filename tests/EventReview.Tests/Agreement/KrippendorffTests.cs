using EventReview.Agreement;
using Shouldly;
using Xunit;
using static EventReview.Tests.Agreement.AgreementData;

namespace EventReview.Tests.Agreement;

public class KrippendorffTests
{
    [Theory]
    [InlineData(MeasurementLevel.Nominal, 0.743, 0.7434211)]
    [InlineData(MeasurementLevel.Ordinal, 0.815, 0.8153875)]
    [InlineData(MeasurementLevel.Interval, 0.849, 0.8491071)]
    [InlineData(MeasurementLevel.Ratio, 0.797, 0.7974028)]
    public void Alpha_matches_Krippendorffs_worked_example_with_missing_values(MeasurementLevel level, double published, double irr)
    {
        // Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability", 4 observers x 12 units:
        // nominal .743, ordinal .815, interval .849, ratio .797 (ordinal and ratio also asserted in the
        // fast-krippendorff test suite). Unrounded: irr 0.84.1 documented example kripp.alpha(nmm, level), R 4.2.2.
        var alpha = Report(Wide(KrippendorffUnits), new AgreementOptions(Level: level)).KrippendorffAlpha!;
        alpha.Value.ShouldBeNear(published, 3);
        alpha.Value.ShouldBeNear(irr, 7);
        alpha.Level.ShouldBe(level.ToString().ToLowerInvariant());
    }

    [Fact]
    public void Nominal_alpha_matches_irrCAC_krippen_alpha_raw_on_cac_raw4raters()
    {
        // irrCAC README: krippen.alpha.raw(cac.raw4raters) coeff.val 0.74342.
        Report(Wide(KrippendorffUnits)).KrippendorffAlpha!.Value.ShouldBeNear(0.74342, 5);
    }

    [Fact]
    public void Alpha_matches_the_Wikipedia_example_used_by_fast_krippendorff()
    {
        // fast-krippendorff tests/test_krippendorff.py (3 coders x 15 units with missing values):
        // nominal 0.691358, interval 0.810845; Wikipedia gives 0.691 and 0.811.
        int?[][] coders =
        [
            [null, null, null, null, null, 3, 4, 1, 2, 1, 1, 3, 3, null, 3],
            [1, null, 2, 1, 3, 3, 4, 3, null, null, null, null, null, null, null],
            [null, null, 2, 1, 3, 4, 4, null, 2, 1, 1, 3, 3, null, 4],
        ];
        var ratings = Wide(Transpose(coders));
        Report(ratings).KrippendorffAlpha!.Value.ShouldBeNear(0.691358, 6);
        Report(ratings, new AgreementOptions(Level: MeasurementLevel.Interval)).KrippendorffAlpha!.Value.ShouldBeNear(0.810845, 6);
    }

    [Fact]
    public void Alpha_matches_Krippendorffs_binary_example()
    {
        // Krippendorff (2011), two observers, ten units of binary data: alpha = 0.095 (also in the
        // Krippendorff.jl test suite, to two significant digits).
        int?[][] coders = [[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]];
        Report(Wide(Transpose(coders))).KrippendorffAlpha!.Value.ShouldBeNear(0.095, 3);
    }

    [Fact]
    public void Nominal_alpha_on_string_labels_matches_fast_krippendorff()
    {
        // fast-krippendorff test_string_labels_nominal: 3 coders x 4 units, one missing value: 0.722222.
        List<Rating> ratings =
        [
            new("u1", "c1", "pos"), new("u2", "c1", "neg"), new("u3", "c1", "neu"),
            new("u1", "c2", "pos"), new("u2", "c2", "neg"), new("u3", "c2", "neu"), new("u4", "c2", "pos"),
            new("u1", "c3", "pos"), new("u2", "c3", "neg"), new("u3", "c3", "pos"), new("u4", "c3", "pos"),
        ];
        Report(ratings).KrippendorffAlpha!.Value.ShouldBeNear(0.722222, 6);
    }

    [Fact]
    public void Ordinal_alpha_uses_the_given_category_order()
    {
        // fast-krippendorff test_string_labels_ordinal_with_domain: Krippendorff's data relabelled
        // very low < low < mid < high < very high gives the ordinal 0.815.
        string[] domain = ["very low", "low", "mid", "high", "very high"];
        var ratings = Wide(KrippendorffUnits).Select(r => r with { Label = domain[int.Parse(r.Label, System.Globalization.CultureInfo.InvariantCulture) - 1] }).ToList();
        var report = Report(ratings, new AgreementOptions(Categories: domain, Level: MeasurementLevel.Ordinal));
        report.KrippendorffAlpha!.Value.ShouldBeNear(0.815, 3);
    }

    [Fact]
    public void Alpha_matches_irrCAC_for_complete_data_with_six_raters()
    {
        // irrCAC README: krippen.alpha.dist(distrib.6raters) = 0.4204384 (distrib.6raters is diagnoses[1:15]).
        // irr's kripp.alpha gives 0.4152 here: without missing values it divides coincidences by 1
        // instead of m - 1, which departs from Krippendorff's definition when m > 2.
        Report(Wide(Diagnoses.Take(15))).KrippendorffAlpha!.Value.ShouldBeNear(0.4204384, 7);
    }

    [Fact]
    public void Alpha_matches_irrCAC_krippen2_table_on_cont3x3abstractors()
    {
        // irrCAC README: krippen2.table(cont3x3abstractors) = 0.7972585.
        Report(FromTable(Abstractors, AbstractorLabels)).KrippendorffAlpha!.Value.ShouldBeNear(0.7972585, 7);
    }

    [Fact]
    public void Coincidences_match_the_hand_worked_matrix_of_Krippendorffs_example()
    {
        // Each unit with m >= 2 values adds x_c (x_k - [c = k]) / (m - 1) to o_ck. By unit:
        // u1 (1,1,1): o11 += 3; u2 (2,2,3,2): o22 += 2, o23 = o32 += 1; u3, u4 (3,3,3,3): o33 += 4 each;
        // u5, u9 (2,2,2,2): o22 += 4 each; u6 (1,2,3,4): every off-diagonal pair += 1/3; u7 (4 x4): o44 += 4;
        // u8 (1,1,2,1): o11 += 2, o12 = o21 += 1; u10 (5,5,5): o55 += 3; u11 (1,1): o11 += 2; u12 has one value.
        // So o11 = 7, o12 = 4/3, o22 = 10, o33 = 8, o44 = 4, o55 = 3, and n_c = 9, 13, 10, 5, 3 (n = 40 pairable values).
        var table = RatingTable.Build(Wide(KrippendorffUnits));
        var o = Krippendorff.Coincidences(table.CategoryCounts());
        double[] totals = [.. Enumerable.Range(0, 5).Select(c => Enumerable.Range(0, 5).Sum(k => o[c, k]))];
        totals.ShouldBe([9, 13, 10, 5, 3], 1e-12);
        o[0, 0].ShouldBe(7, 1e-12);
        o[0, 1].ShouldBe(4.0 / 3, 1e-12);
        o[1, 1].ShouldBe(10, 1e-12);
        o[1, 2].ShouldBe(4.0 / 3, 1e-12);
        o[2, 2].ShouldBe(8, 1e-12);
        o[3, 3].ShouldBe(4, 1e-12);
        o[4, 4].ShouldBe(3, 1e-12);
    }

    [Fact]
    public void Alpha_is_null_with_a_note_when_all_pairable_values_are_equal()
    {
        var report = Report([new("i1", "a", "3"), new("i1", "b", "3"), new("i2", "a", "3"), new("i2", "b", "3"), new("i3", "a", "5")]);
        report.KrippendorffAlpha.ShouldBeNull();
        report.Notes.ShouldContain(n => n.StartsWith("krippendorffAlpha:", StringComparison.Ordinal) && n.Contains("0/0", StringComparison.Ordinal));
    }

    [Fact]
    public void Interval_and_ratio_alpha_need_numeric_labels()
    {
        var ratings = FromTable(Abstractors, AbstractorLabels);
        var report = Report(ratings, new AgreementOptions(Level: MeasurementLevel.Interval));
        report.KrippendorffAlpha.ShouldBeNull();
        report.Notes.ShouldContain("krippendorffAlpha: the interval level needs numeric labels.");

        var negative = Report([new("i1", "a", "-1"), new("i1", "b", "2"), new("i2", "a", "2"), new("i2", "b", "2")], new AgreementOptions(Level: MeasurementLevel.Ratio));
        negative.KrippendorffAlpha.ShouldBeNull();
        negative.Notes.ShouldContain("krippendorffAlpha: the ratio level needs non-negative values.");
    }

    [Fact]
    public void Alpha_is_null_with_a_note_when_no_item_has_two_ratings()
    {
        var report = Report([new("i1", "a", "x"), new("i2", "b", "y")]);
        report.KrippendorffAlpha.ShouldBeNull();
        report.Notes.ShouldContain(n => n.StartsWith("krippendorffAlpha: no item has two or more ratings", StringComparison.Ordinal));
    }

    private static IEnumerable<int?[]> Transpose(int?[][] coders) =>
        Enumerable.Range(0, coders[0].Length).Select(u => coders.Select(c => c[u]).ToArray());
}
