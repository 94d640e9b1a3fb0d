using EventReview.Agreement;
using Shouldly;
using Xunit;
using static EventReview.Tests.Agreement.AgreementData;

namespace EventReview.Tests.Agreement;

public class MissingRatingsKappaTests
{
    /// <summary>
    /// Three raters, four items, nobody rated everything:
    /// item 1 A=y B=y; item 2 A=n B=n C=n; item 3 A=y C=n; item 4 B=n C=n.
    /// </summary>
    private static readonly List<Rating> ThreeRatersFourItems =
    [
        new("i1", "A", "y"), new("i1", "B", "y"),
        new("i2", "A", "n"), new("i2", "B", "n"), new("i2", "C", "n"),
        new("i3", "A", "y"), new("i3", "C", "n"),
        new("i4", "B", "n"), new("i4", "C", "n"),
    ];

    [Fact]
    public void Fleiss_and_Conger_match_the_irrCAC_README_on_cac_raw4raters_with_missing_ratings()
    {
        // irrCAC README (github.com/kgwet/irrCAC, "Computing agreement coefficients from raw ratings"):
        // fleiss.kappa.raw(cac.raw4raters): pa 0.8181818, pe 0.2387153, coeff 0.76117, se 0.15302, (0.424,1), p 0.0002095865;
        // conger.kappa.raw(cac.raw4raters): pa 0.8181818, pe 0.2334252, coeff 0.76282, se 0.14917, (0.435,1), p 0.0001683533;
        // tot.obs 41 ratings of 12 subjects by 4 raters.
        var design = Report(Wide(KrippendorffUnits)).IncompleteDesign!;
        design.Complete.ShouldBeFalse();

        ShouldMatchPrinted(design.FleissKappa!, MissingRatingsKappa.FleissMethod, pe: 0.2387153, value: 0.76117, se: 0.15302, lower: 0.424, p: 0.0002095865);
        ShouldMatchPrinted(design.CongerKappa!, MissingRatingsKappa.CongerMethod, pe: 0.2334252, value: 0.76282, se: 0.14917, lower: 0.435, p: 0.0001683533);
    }

    /// <summary>An irrCAC row for cac.raw4raters to the decimals it prints: pa 0.8181818, the interval's upper end 1.</summary>
    private static void ShouldMatchPrinted(MissingRatingsKappaResult actual, string method, double pe, double value, double se, double lower, double p)
    {
        actual.Method.ShouldBe(method);
        actual.PercentAgreement.ShouldBeNear(0.8181818, 7);
        actual.ChanceAgreement.ShouldBeNear(pe, 7);
        actual.Value.ShouldBeNear(value, 5);
        actual.Se.ShouldBeNear(se, 5);
        actual.Ci95!.ShouldBe([lower, 1], tolerance: 0.0005);
        actual.P.ShouldBeNear(p, 10);
        (actual.Items, actual.PairedItems, actual.Raters, actual.Ratings).ShouldBe((12, 11, 4, 41));
    }

    [Fact]
    public void Listwise_deletion_keeps_only_the_items_every_rater_rated()
    {
        // cac.raw4raters rows 2-9 are the items all 4 raters rated. Their per-item agreement (sum n_ik^2 - 4) / 12:
        // 0.5, 1, 1, 1, 0, 1, 0.5, 1, mean 0.75. Category totals over the 32 ratings: 1:4, 2:13, 3:10, 4:5, so chance
        // agreement is (16 + 169 + 100 + 25) / 1024 = 310/1024, and kappa (0.75 - 310/1024) / (714/1024) = 229/357.
        var listwise = Report(Wide(KrippendorffUnits)).IncompleteDesign!.ListwiseFleissKappa!;
        listwise.Method.ShouldBe(MissingRatingsKappa.ListwiseMethod);
        listwise.Value.ShouldBeNear(229.0 / 357, 12);
        (listwise.Items, listwise.ItemsLeftOut, listwise.Raters).ShouldBe((8, 4, 4));
    }

    [Fact]
    public void Fleiss_with_missing_ratings_matches_a_hand_worked_example()
    {
        // Pairs agree on items 1, 2 and 4, not on 3: pa = 3/4. Shares averaged over items, each item's own ratings:
        // y = (2/2 + 0 + 1/2 + 0) / 4 = 0.375, n = 0.625; pe = 0.375^2 + 0.625^2 = 0.53125; kappa = 0.21875 / 0.46875 = 7/15.
        // Item kappas (pa_i - pe) / (1 - pe): 1, 1, -17/15, 1. Item chance pe_i = sum n_ik share_k / r_i:
        // 0.375, 0.625, 0.5, 0.625. Linearised kappa_i - 2 (1 - 7/15)(pe_i - pe) / (1 - pe), in 225ths:
        // 305, 177, -239, 177; minus kappa (105): 200, 72, -344, 72; squares sum 168704 / 50625.
        // Variance = that / (4 * 3) = 42176/151875, se = 0.526974. qt(0.975, 3) = 3.182446, so the lower bound is
        // 7/15 - 1.677068 = -1.210401 and the upper bound min(1, 2.14) = 1. t = 0.885558 on 3 df, whose upper tail
        // (closed form for 3 df: 1/2 - (t / (sqrt3 (1 + t^2/3)) + atan(t / sqrt3)) / pi) is 0.220539.
        var design = Report(ThreeRatersFourItems).IncompleteDesign!;
        design.Complete.ShouldBeFalse();
        var fleiss = design.FleissKappa!;
        fleiss.PercentAgreement.ShouldBeNear(0.75, 12);
        fleiss.ChanceAgreement.ShouldBeNear(0.53125, 12);
        fleiss.Value.ShouldBeNear(7.0 / 15, 12);
        fleiss.Se.ShouldBeNear(Math.Sqrt(42176.0 / 151875), 12);
        fleiss.Ci95![0].ShouldBeNear(-1.210401, 6);
        fleiss.Ci95[1].ShouldBe(1);
        fleiss.P.ShouldBeNear(0.220539, 6);
        (fleiss.Items, fleiss.PairedItems, fleiss.Raters, fleiss.Ratings).ShouldBe((4, 4, 3, 9));
    }

    [Fact]
    public void Conger_with_missing_ratings_matches_a_hand_worked_example()
    {
        // Each rater's own shares of y over the items they rated: A 2/3, B 1/3, C 0; mean 1/3 (n: 2/3).
        // Their variance across raters: y ((4/9 + 1/9 + 0) - 3 (1/9)) / 2 = 1/9; n ((1/9 + 4/9 + 1) - 3 (4/9)) / 2 = 1/9.
        // pe = (1/9 - 1/27) + (4/9 - 1/27) = 13/27; kappa = (3/4 - 13/27) / (14/27) = 29/56.
        var conger = Report(ThreeRatersFourItems).IncompleteDesign!.CongerKappa!;
        conger.ChanceAgreement.ShouldBeNear(13.0 / 27, 12);
        conger.Value.ShouldBeNear(29.0 / 56, 12);
        (conger.Items, conger.PairedItems, conger.Raters, conger.Ratings).ShouldBe((4, 4, 3, 9));
    }

    [Fact]
    public void Listwise_deletion_that_leaves_no_usable_item_is_null_with_a_note()
    {
        // Only item 2 was rated by all three raters, and all three said n: chance agreement 1, kappa 0/0.
        var report = Report(ThreeRatersFourItems);
        report.IncompleteDesign!.ListwiseFleissKappa.ShouldBeNull();
        report.Notes.ShouldContain(n => n.StartsWith("incompleteDesign.listwiseFleissKappa: every rating is in one category", StringComparison.Ordinal));
    }

    [Fact]
    public void A_complete_design_gives_the_classical_Fleiss_kappa_three_ways()
    {
        // Fleiss (1971) diagnoses, 30 patients x 6 psychiatrists, every one rated by all: kappa 0.430 (irr kappam.fleiss 0.43).
        var report = Report(Wide(Diagnoses));
        var design = report.IncompleteDesign!;
        design.Complete.ShouldBeTrue();
        design.FleissKappa!.Value.ShouldBeNear(0.430, 3);
        design.ListwiseFleissKappa!.Value.ShouldBeNear(0.430, 3);
        design.ListwiseFleissKappa.ItemsLeftOut.ShouldBe(0);
    }

    [Fact]
    public void One_rater_gives_no_incomplete_design_statistics()
    {
        Report([new("i1", "A", "y"), new("i2", "A", "n")]).IncompleteDesign.ShouldBeNull();
    }

    [Fact]
    public void Student_t_matches_published_table_values()
    {
        // Standard t tables: t(0.975; 11) = 2.201, t(0.975; 3) = 3.182, t(0.975; 30) = 2.042.
        Distributions.StudentTQuantile(0.975, 11).ShouldBeNear(2.201, 3);
        Distributions.StudentTQuantile(0.975, 3).ShouldBeNear(3.182, 3);
        Distributions.StudentTQuantile(0.975, 30).ShouldBeNear(2.042, 3);
        Distributions.StudentTUpper(2.201, 11).ShouldBeNear(0.025, 4);
        Distributions.StudentTUpper(-2.201, 11).ShouldBeNear(0.975, 4);
    }
}
