using EventReview.Agreement;
using Shouldly;
using Xunit;
using static EventReview.Tests.Agreement.AgreementData;

namespace EventReview.Tests.Agreement;

public class FleissKappaTests
{
    [Fact]
    public void Kappa_matches_irr_kappam_fleiss_on_the_diagnoses_data()
    {
        // irr::kappam.fleiss(diagnoses) as recorded in statsmodels' test_inter_rater.py (test_fleiss_kappa_irr):
        // value 0.4302445, statistic 17.65183, p.value 0.
        var fleiss = Report(Wide(Diagnoses)).FleissKappa!;
        fleiss.Value.ShouldBeNear(0.4302445, 7);
        fleiss.Z.ShouldBeNear(17.65183, 5);
        fleiss.P!.Value.ShouldBe(0.0, 1e-15);
    }

    [Fact]
    public void Category_wise_kappas_match_irr_kappam_fleiss_detail()
    {
        // irr::kappam.fleiss(diagnoses, detail = TRUE) table (also Fleiss 1971):
        // Depression 0.245, Personality Disorder 0.245, Schizophrenia 0.520, Neurosis 0.471, Other 0.566.
        var perCategory = Report(Wide(Diagnoses)).FleissKappa!.PerCategory;
        perCategory.Keys.ShouldBe(["1", "2", "3", "4", "5"]);
        perCategory["1"].ShouldBeNear(0.245, 3);
        perCategory["2"].ShouldBeNear(0.245, 3);
        perCategory["3"].ShouldBeNear(0.520, 3);
        perCategory["4"].ShouldBeNear(0.471, 3);
        perCategory["5"].ShouldBeNear(0.566, 3);
    }

    [Fact]
    public void Kappa_matches_the_irr_documented_example_for_raters_one_to_four()
    {
        // irr 0.84.1 example kappam.fleiss(diagnoses[,1:4]), run in R 4.2.2: value 0.4893319342, z 12.9947391344.
        var fleiss = Report(Columns(Diagnoses, 0, 1, 2, 3)).FleissKappa!;
        fleiss.Value.ShouldBeNear(0.4893319, 6);
        fleiss.Z.ShouldBeNear(12.994739, 5);
    }

    [Fact]
    public void Kappa_matches_the_Wikipedia_example_used_by_statsmodels()
    {
        // statsmodels test_inter_rater.py test_fleiss_kappa: 10 subjects, 14 raters, 5 categories; kappa 0.210.
        int[,] table =
        {
            { 0, 0, 0, 0, 14 }, { 0, 2, 6, 4, 2 }, { 0, 0, 3, 5, 6 }, { 0, 3, 9, 2, 0 }, { 2, 2, 8, 1, 1 },
            { 7, 7, 0, 0, 0 }, { 3, 2, 6, 3, 0 }, { 2, 5, 3, 2, 2 }, { 6, 5, 2, 1, 0 }, { 0, 2, 2, 3, 7 },
        };
        Report(FromCategoryCounts(table)).FleissKappa!.Value.ShouldBeNear(0.210, 3);
    }

    [Fact]
    public void Kappa_matches_the_Randolph_online_calculator_values_used_by_statsmodels()
    {
        // statsmodels test_inter_rater.py test_fleis_randolph ("Fixed Marginal Kappa").
        Report(FromCategoryCounts(new[,] { { 7, 1 }, { 3, 5 } })).FleissKappa!.Value.ShouldBeNear(0.161905, 6);
        Report(FromCategoryCounts(new[,] { { 6, 1, 0 }, { 0, 7, 0 } })).FleissKappa!.Value.ShouldBeNear(0.708333, 6);
    }

    [Fact]
    public void Kappa_matches_irrCAC_fleiss_kappa_dist_on_distrib_6raters()
    {
        // irrCAC README: fleiss.kappa.dist(distrib.6raters) = 0.4139265; distrib.6raters is diagnoses[1:15].
        Report(Wide(Diagnoses.Take(15))).FleissKappa!.Value.ShouldBeNear(0.4139265, 7);
    }

    [Fact]
    public void Kappa_allows_different_raters_per_item_when_each_item_has_the_same_number_of_ratings()
    {
        // Fleiss (1971) designed the statistic for different sets of raters per subject; renaming the
        // raters of every item leaves the diagnoses result (0.4302445) unchanged.
        var ratings = Wide(Diagnoses).Select(r => r with { Rater = $"{r.Item}-{r.Rater}" }).ToList();
        Report(ratings).FleissKappa!.Value.ShouldBeNear(0.4302445, 7);
    }

    [Fact]
    public void Items_with_a_single_rating_are_left_out_with_a_note()
    {
        // A lone rating carries no agreement; irr would drop its row too (0.4302445 as above).
        var ratings = Wide(Diagnoses);
        ratings.Add(new Rating("lone", "r1", "3"));
        var report = Report(ratings);
        report.FleissKappa!.Value.ShouldBeNear(0.4302445, 7);
        report.Notes.ShouldContain("fleissKappa: computed on the 30 items with 6 ratings, leaving out 1 item with a single rating.");
    }

    [Fact]
    public void Incomplete_items_are_left_out_with_a_note_as_irr_does()
    {
        // Rater 6's ratings of subjects 1 and 2 removed. irr 0.84.1 in R 4.2.2: d <- diagnoses; d[1:2, 6] <- NA;
        // kappam.fleiss(d) drops the two rows: subjects 28, value 0.419694366579, statistic 16.716157258536.
        var ratings = Wide(Diagnoses).Where(r => !(r.Rater == "r6" && r.Item is "i1" or "i2")).ToList();
        var report = Report(ratings);
        report.FleissKappa!.Value.ShouldBeNear(0.4196944, 7);
        report.FleissKappa.Z.ShouldBeNear(16.716157, 6);
        report.Notes.ShouldContain("fleissKappa: computed on the 28 items rated by all 6 raters, as irr::kappam.fleiss drops incomplete items, leaving out 2 items.");
    }

    [Fact]
    public void Kappa_is_null_with_a_note_when_items_have_unequal_ratings_and_none_is_complete()
    {
        // Four raters; items have 3, 3 and 2 ratings and no item was rated by all four.
        var report = Report(
        [
            new("i1", "a", "x"), new("i1", "b", "x"), new("i1", "c", "y"),
            new("i2", "a", "y"), new("i2", "b", "x"), new("i2", "d", "y"),
            new("i3", "c", "y"), new("i3", "d", "y"),
        ]);
        report.FleissKappa.ShouldBeNull();
        report.Notes.ShouldContain(n => n.StartsWith("fleissKappa: it needs every item rated by the same number of raters", StringComparison.Ordinal));
        report.KrippendorffAlpha.ShouldNotBeNull();
    }

    [Fact]
    public void Kappa_is_null_with_a_note_when_every_rating_is_in_one_category()
    {
        // statsmodels' Randolph table [[7, 0], [7, 0]]: expected agreement 1, so Fleiss' kappa is 0/0.
        var report = Report(FromCategoryCounts(new[,] { { 7, 0 }, { 7, 0 } }, ["include", "exclude"]), new AgreementOptions(Categories: ["include", "exclude"]));
        report.FleissKappa.ShouldBeNull();
        report.Notes.ShouldContain(n => n.StartsWith("fleissKappa:", StringComparison.Ordinal) && n.Contains("0/0", StringComparison.Ordinal));
    }

    [Fact]
    public void Category_wise_kappa_of_an_unused_category_is_null_with_a_note()
    {
        var report = Report(Wide(Diagnoses), new AgreementOptions(Categories: ["1", "2", "3", "4", "5", "6"]));
        report.FleissKappa!.PerCategory["6"].ShouldBeNull();
        report.FleissKappa.Value.ShouldBeNear(0.4302445, 7);
        report.Notes.ShouldContain(n => n.StartsWith("fleissKappa: no rating used '6'", StringComparison.Ordinal));
    }
}
