using EventReview.Agreement;
using Shouldly;
using Xunit;
using static EventReview.Tests.Agreement.AgreementData;

namespace EventReview.Tests.Agreement;

public class CohenKappaTests
{
    // statsmodels test_inter_rater.py, table10, compared there with a SAS PROC FREQ printout.
    private static readonly int[,] Table10 = { { 0, 4, 1 }, { 0, 8, 0 }, { 0, 1, 5 } };

    [Fact]
    public void Kappa_matches_SAS_PROC_FREQ_on_the_statsmodels_table10()
    {
        // SAS: Kappa 0.4842, ASE 0.1380, 95% CI 0.2137 to 0.7547; under H0: ASE 0.1484, Z 3.2626, two-sided p 0.0011.
        var kappa = Report(FromTable(Table10)).CohenKappa!;
        kappa.Value.ShouldBeNear(0.4842, 4);
        kappa.Se.ShouldBeNear(0.1380, 4);
        kappa.Ci95![0].ShouldBeNear(0.2137, 4);
        kappa.Ci95[1].ShouldBeNear(0.7547, 4);
        kappa.Z.ShouldBeNear(3.2626, 4);
        kappa.P.ShouldBeNear(0.0011, 4);
        (kappa.Value / kappa.Z!.Value).ShouldBeNear(0.1484, 4);
    }

    [Fact]
    public void Linear_weighted_kappa_matches_SAS_PROC_FREQ_on_the_statsmodels_table10()
    {
        // SAS (Cicchetti-Allison weights): Weighted Kappa 0.4701, ASE 0.1457, 95% CI 0.1845 to 0.7558;
        // under H0: ASE 0.1426, Z 3.2971, two-sided p 0.0010.
        var weighted = Report(FromTable(Table10), new AgreementOptions(KappaWeights.Linear)).WeightedKappa!;
        weighted.Value.ShouldBeNear(0.4701, 4);
        weighted.Se.ShouldBeNear(0.1457, 4);
        weighted.Z.ShouldBeNear(3.2971, 4);
        weighted.P.ShouldBeNear(0.0010, 4);
        weighted.Weights.ShouldBe("linear");

        var direct = CohenKappa.FromTable(Table10, CohenKappa.Weights(3, KappaWeights.Linear)).Result!;
        direct.Ci95![0].ShouldBeNear(0.1845, 4);
        direct.Ci95[1].ShouldBeNear(0.7558, 4);
    }

    [Theory]
    [InlineData(KappaWeights.None, -0.006289308, -0.0604067, 0.9518317)]
    [InlineData(KappaWeights.Linear, 0.1459075, 1.282472, 0.1996772)]
    [InlineData(KappaWeights.Quadratic, 0.2520325, 1.437451, 0.1505898)]
    public void Kappa_matches_irr_kappa2_on_the_anxiety_data(KappaWeights weights, double value, double z, double p)
    {
        // irr::kappa2(anxiety[,2:3], "unweighted" | "equal" | "squared"), as recorded in statsmodels'
        // test_inter_rater.py (test_cohens_kappa_irr). Category 5 is unused, so positions run over 1,2,3,4,6 as in irr.
        var report = Report(Columns(Anxiety, 1, 2), new AgreementOptions(weights));
        var (actualValue, actualZ, actualP) = weights == KappaWeights.None
            ? (report.CohenKappa!.Value, report.CohenKappa.Z, report.CohenKappa.P)
            : (report.WeightedKappa!.Value, report.WeightedKappa.Z, report.WeightedKappa.P);
        actualValue.ShouldBeNear(value, 7);
        actualZ.ShouldBeNear(z, 5);
        actualP.ShouldBeNear(p, 6);
    }

    [Fact]
    public void Quadratic_kappa_matches_the_irr_kappa2_documented_example()
    {
        // irr 0.84.1 example kappa2(anxiety[,1:2], "squared"), run in R 4.2.2:
        // value 0.2967651195, z 1.3404987733, p 0.1800832429.
        var weighted = Report(Columns(Anxiety, 0, 1), new AgreementOptions(KappaWeights.Quadratic)).WeightedKappa!;
        weighted.Value.ShouldBeNear(0.2967651, 6);
        weighted.Z.ShouldBeNear(1.3404988, 6);
        weighted.P.ShouldBeNear(0.1800832, 6);
    }

    [Fact]
    public void Kappa_matches_the_irr_kappa2_documented_example_on_the_diagnoses_data()
    {
        // irr 0.84.1 example kappa2(diagnoses[,2:3]) prints Kappa = 0.631, z = 7.56, p-value = 4.04e-14;
        // unrounded in R 4.2.2: 0.6311475410, 7.559765089, 4.04121181e-14. irr's 2 * (1 - pnorm(z)) is
        // exact only to about 1e-16 absolute, so the p-value is compared at that precision.
        var kappa = Report(Columns(Diagnoses, 1, 2)).CohenKappa!;
        kappa.Value.ShouldBeNear(0.6311475, 6);
        kappa.Z.ShouldBeNear(7.559765, 5);
        kappa.P!.Value.ShouldBe(4.04121181e-14, 1e-15);
    }

    [Fact]
    public void Kappa_and_weighted_kappas_match_scikit_learn_test_cohen_kappa()
    {
        // scikit-learn sklearn/metrics/tests/test_classification.py, test_cohen_kappa.
        // Artstein and Poesio (2008) Table 1, contingency [[20, 20], [10, 50]]: 0.348.
        Report(FromTable(new[,] { { 20, 20 }, { 10, 50 } })).CohenKappa!.Value.ShouldBeNear(0.348, 3);

        // Artstein and Poesio Table 4: y1 = 46 x 0, 44 x 1, 10 x 2; y2 = 52 x 0, 32 x 1, 16 x 2 (paired in order): 0.8013.
        Report(Paired([(0, 46), (1, 44), (2, 10)], [(0, 52), (1, 32), (2, 16)])).CohenKappa!.Value.ShouldBeNear(0.8013, 4);

        // y1 as above, y2 = 50 x 0, 40 x 1, 10 x 2: unweighted 0.9315, linear 0.9412, quadratic 0.9541.
        var ratings = Paired([(0, 46), (1, 44), (2, 10)], [(0, 50), (1, 40), (2, 10)]);
        Report(ratings).CohenKappa!.Value.ShouldBeNear(0.9315, 4);
        Report(ratings, new AgreementOptions(KappaWeights.Linear)).WeightedKappa!.Value.ShouldBeNear(0.9412, 4);
        Report(ratings, new AgreementOptions(KappaWeights.Quadratic)).WeightedKappa!.Value.ShouldBeNear(0.9541, 4);
    }

    [Fact]
    public void Kappa_and_its_standard_error_match_irrCAC_kappa2_table_on_cont3x3abstractors()
    {
        // irrCAC README: kappa2.table(cont3x3abstractors) gives coeff.val 0.7964094, coeff.se 0.05891072
        // (its two-rater variance is the Fleiss-Cohen-Everitt non-null variance).
        var kappa = Report(FromTable(Abstractors, AbstractorLabels)).CohenKappa!;
        kappa.Value.ShouldBeNear(0.7964094, 7);
        kappa.Se.ShouldBeNear(0.05891072, 8);
    }

    [Fact]
    public void Items_missing_either_rating_are_dropped()
    {
        // Complete cases, as irr::kappa2 (na.omit): adding half-rated items changes nothing but the item count.
        var ratings = FromTable(Table10);
        ratings.Add(new Rating("extra1", "r1", "0"));
        ratings.Add(new Rating("extra2", "r2", "2"));
        var report = Report(ratings);
        report.CohenKappa!.Value.ShouldBeNear(0.4842, 4);
        report.Items.ShouldBe(21);
        report.Pairs.Single().Items.ShouldBe(19);
    }

    [Fact]
    public void Perfect_agreement_gives_kappa_one_with_a_zero_width_interval()
    {
        var kappa = Report(FromTable(new[,] { { 5, 0 }, { 0, 7 } })).CohenKappa!;
        kappa.Value.ShouldBe(1.0, 1e-12);
        kappa.Se!.Value.ShouldBe(0.0, 1e-9);
        kappa.Ci95![0].ShouldBe(1.0, 1e-8);
        kappa.Z!.Value.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Kappa_is_null_with_a_note_when_both_raters_used_one_and_the_same_label()
    {
        var ratings = Enumerable.Range(1, 5).SelectMany(i => new[] { new Rating($"i{i}", "a", "exclude"), new Rating($"i{i}", "b", "exclude") }).ToList();
        var report = Report(ratings, new AgreementOptions(KappaWeights.Quadratic));
        report.CohenKappa.ShouldBeNull();
        report.WeightedKappa.ShouldBeNull();
        report.Notes.ShouldContain(n => n.StartsWith("cohenKappa:", StringComparison.Ordinal) && n.Contains("expected agreement is 1", StringComparison.Ordinal));
        report.Notes.ShouldContain(n => n.StartsWith("weightedKappa:", StringComparison.Ordinal));
        report.PercentAgreement.ShouldBe(1.0);
    }

    [Fact]
    public void Weights_follow_the_given_category_order()
    {
        // With categories given as low < mid < high, relabelling 0/1/2 must reproduce the numeric result (0.9412).
        string[] labels = ["low", "mid", "high"];
        var ratings = Paired([(0, 46), (1, 44), (2, 10)], [(0, 50), (1, 40), (2, 10)])
            .Select(r => r with { Label = labels[int.Parse(r.Label, System.Globalization.CultureInfo.InvariantCulture)] })
            .ToList();
        var report = Report(ratings, new AgreementOptions(KappaWeights.Linear, labels));
        report.WeightedKappa!.Value.ShouldBeNear(0.9412, 4);
        report.Categories.ShouldBe(labels);
    }

    private static List<Rating> Paired((int Label, int Count)[] first, (int Label, int Count)[] second)
    {
        var a = first.SelectMany(p => Enumerable.Repeat(p.Label, p.Count)).ToArray();
        var b = second.SelectMany(p => Enumerable.Repeat(p.Label, p.Count)).ToArray();
        return Wide(a.Zip(b, (x, y) => new[] { x, y }));
    }
}
