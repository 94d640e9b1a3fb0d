using EventReview.Agreement;
using Shouldly;
using Xunit;
using static EventReview.Tests.Agreement.AgreementData;

namespace EventReview.Tests.Agreement;

public class GwetFamilyTests
{
    [Fact]
    public void Coefficients_match_the_irrCAC_documentation_on_cac_raw4raters_with_missing_ratings()
    {
        // irrCAC README, raw ratings of 4 raters x 12 subjects with missing values:
        // pa.coeff.raw 0.8181818; gwet.ac1.raw 0.77544 (se 0.14295); bp.coeff.raw 0.77273; fleiss.kappa.raw 0.76117.
        var report = Report(Wide(KrippendorffUnits));
        report.PercentAgreement.ShouldBeNear(0.8181818, 7);
        report.GwetAc1!.Value.ShouldBeNear(0.77544, 5);
        report.GwetAc1.Se.ShouldBeNear(0.14295, 5);
        report.BrennanPrediger!.Value.ShouldBeNear(0.77273, 5);

        var counts = RatingTable.Build(Wide(KrippendorffUnits)).CategoryCounts();
        GwetFamily.FleissGeneralized(counts).Result!.Value.ShouldBeNear(0.76117, 5);
    }

    [Fact]
    public void Coefficients_match_the_irrCAC_documentation_on_distrib_6raters()
    {
        // irrCAC README: gwet.ac1.dist(distrib.6raters) coeff 0.4448007, stderr 0.08418757, pa 0.5511111;
        // bp.coeff.dist 0.4388889. distrib.6raters is the first 15 subjects of the diagnoses data.
        var report = Report(Wide(Diagnoses.Take(15)));
        report.GwetAc1!.Value.ShouldBeNear(0.4448007, 7);
        report.GwetAc1.Se.ShouldBeNear(0.08418757, 8);
        report.BrennanPrediger!.Value.ShouldBeNear(0.4388889, 7);
        report.PercentAgreement.ShouldBeNear(0.5511111, 7);
    }

    [Fact]
    public void Two_rater_coefficients_match_the_irrCAC_documentation_on_cont3x3abstractors()
    {
        // irrCAC README: gwet.ac1.table 0.8493305, bp2.table 0.835, scott2.table 0.7962397, pa2.table 0.89.
        var report = Report(FromTable(Abstractors, AbstractorLabels));
        report.GwetAc1!.Value.ShouldBeNear(0.8493305, 7);
        report.BrennanPrediger!.Value.ShouldBeNear(0.835, 3);
        report.ScottPi!.Value.ShouldBeNear(0.7962397, 7);
        report.PercentAgreement.ShouldBeNear(0.89, 2);
    }

    [Fact]
    public void Brennan_Prediger_matches_the_free_marginal_kappa_of_the_Randolph_calculator()
    {
        // statsmodels test_fleis_randolph (Randolph's online calculator): [[7, 1], [3, 5]] overall agreement
        // 0.607143, free-marginal kappa 0.214286; [[6, 1, 0], [0, 7, 0]] with three categories: 0.857143, 0.785714.
        var report = Report(FromCategoryCounts(new[,] { { 7, 1 }, { 3, 5 } }));
        report.PercentAgreement.ShouldBeNear(0.607143, 6);
        report.BrennanPrediger!.Value.ShouldBeNear(0.214286, 6);

        string[] three = ["a", "b", "c"];
        report = Report(FromCategoryCounts(new[,] { { 6, 1, 0 }, { 0, 7, 0 } }, three), new AgreementOptions(Categories: three));
        report.PercentAgreement.ShouldBeNear(0.857143, 6);
        report.BrennanPrediger!.Value.ShouldBeNear(0.785714, 6);
    }

    [Fact]
    public void Two_rater_coefficients_handle_missing_ratings_as_irrCAC_does()
    {
        // Raters 2 and 3 of cac.raw4raters (each misses some subjects). Computed with irrCAC 1.0 in R 4.2.2:
        // fleiss.kappa.raw 0.55349, gwet.ac1.raw 0.59018 (se 0.22506), bp.coeff.raw 0.58333, pa 0.6666667;
        // irr 0.84.1 kripp.alpha 0.5565217.
        var ratings = Wide(KrippendorffUnits.Select(r => new[] { r[1], r[2] }));
        var report = Report(ratings);
        report.ScottPi!.Value.ShouldBeNear(0.55349, 5);
        report.GwetAc1!.Value.ShouldBeNear(0.59018, 5);
        report.GwetAc1.Se.ShouldBeNear(0.22506, 5);
        report.BrennanPrediger!.Value.ShouldBeNear(0.58333, 5);
        report.PercentAgreement.ShouldBeNear(0.6666667, 7);
        report.KrippendorffAlpha!.Value.ShouldBeNear(0.5565217, 7);
    }

    [Fact]
    public void Coefficients_are_null_with_a_note_when_there_is_a_single_category()
    {
        var report = Report([new("i1", "a", "x"), new("i1", "b", "x"), new("i2", "a", "x"), new("i2", "b", "x")]);
        report.GwetAc1.ShouldBeNull();
        report.BrennanPrediger.ShouldBeNull();
        report.ScottPi.ShouldBeNull();
        report.Notes.ShouldContain("gwetAc1: there is only one category, so chance agreement is 1.");
        report.Notes.ShouldContain("brennanPrediger: there is only one category, so chance agreement is 1.");
        report.Notes.ShouldContain(n => n.StartsWith("scottPi:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_standard_error_of_AC1_needs_two_items()
    {
        var report = Report([new("i1", "a", "x"), new("i1", "b", "y")], new AgreementOptions(Categories: ["x", "y"]));
        report.GwetAc1!.Se.ShouldBeNull();
        report.Notes.ShouldContain("gwetAc1: its standard error needs at least two items.");
    }
}
