using EventReview.Agreement;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.DecisionImports;

/// <summary>
/// Agreement for the imported Rayyan review, worked out by hand from customizations_log.csv. Each reviewer's first
/// title-abstract vote per article ("included" rows; 1 include, 0 maybe, -1 exclude; the tinea log has no 0):
///
///   user 5 (Zbys), 12 articles: include 14431, 14441, 14444, 14432 (05-29), 14434 (06-15);
///                               exclude 14440, 14442, 14438, 14439, 14437, 14443, 14433.
///                               (the three 2021 rows on 14431 are revisions and do not count)
///   user 16 (m.el-gohary), 4 articles: include 14431, 14432, 14434; exclude 14440.
///
/// 12 articles rated (14435 and 14436 have no vote), 4 by both, who agree on every one of them: 16 ratings.
/// </summary>
public class ImportedAgreementTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const double Tolerance = 1e-9;

    private async Task<AgreementReport> TineaAgreementAsync()
    {
        var client = new DecisionImportClient(app);
        var answer = await client.ImportAsync("rayyan", File.ReadAllBytes(DecisionImportClient.File("rayyan_tinea_export.zip")));
        var review = client.Review(answer.ReviewId);
        return await review.GetAsync<AgreementReport>(review.Lead, "/agreement?stage=title-abstract");
    }

    [Fact]
    public async Task The_two_tinea_reviewers_agree_on_every_record_both_screened()
    {
        var report = await TineaAgreementAsync();

        // One pair, on the 4 articles both rated: 3 include-include, 1 exclude-exclude. po = 1,
        // pe = (3/4)(3/4) + (1/4)(1/4) = 10/16, kappa = (1 - 10/16) / (1 - 10/16) = 1.
        report.Raters.ShouldBe(["rayyan:16", "rayyan:5"], ignoreOrder: true);
        var pair = report.Pairs.ShouldHaveSingleItem();
        (pair.Items, pair.PercentAgreement, pair.CohenKappa!.Value).ShouldBe((4, 1.0, 1.0));
    }

    [Fact]
    public async Task The_incomplete_design_uses_all_sixteen_ratings_and_listwise_deletion_the_four_paired_records()
    {
        var design = (await TineaAgreementAsync()).IncompleteDesign!;

        design.Complete.ShouldBeFalse();

        // Fleiss with missing ratings (irrCAC fleiss.kappa.raw), n = 12 rated items, 4 with two ratings.
        // pa = mean over the 4 paired items of their agreement = 1.
        // Category shares averaged over items (each item's own ratings): include on 14431, 14432, 14434 (both), 14441,
        // 14444 (user 5 alone) = 5/12; exclude on 7 items = 7/12. pe = (5/12)^2 + (7/12)^2 = 74/144.
        // kappa = (1 - 74/144) / (1 - 74/144) = 1.
        // Variance: item kappa_i = (n / n2more)(pa_i - pe [r_i >= 2]) / (1 - pe) = 3 on a paired item, 0 on a single;
        // the correction term is 0 at kappa = 1. var = sum (kappa_i - 1)^2 / (n (n - 1)) = (4 * 4 + 8 * 1) / 132 = 2/11,
        // se = sqrt(2/11) = 0.4264014327. 95% CI: 1 - t(0.975, 11) se = 1 - 2.2009851602 * 0.4264014327 = 0.0614967743,
        // upper capped at 1. p = 1 - pt(1 / se = 2.3452078799, 11) = 0.0194070459.
        var fleiss = design.FleissKappa!;
        (fleiss.Items, fleiss.PairedItems, fleiss.Raters, fleiss.Ratings).ShouldBe((12, 4, 2, 16));
        fleiss.Value.ShouldBe(1.0, Tolerance);
        fleiss.PercentAgreement.ShouldBe(1.0, Tolerance);
        fleiss.ChanceAgreement.ShouldBe(74.0 / 144, Tolerance);
        fleiss.Se!.Value.ShouldBe(Math.Sqrt(2.0 / 11), Tolerance);
        fleiss.Ci95![0].ShouldBe(0.0614967743, 1e-8);
        fleiss.Ci95[1].ShouldBe(1.0, Tolerance);
        fleiss.P!.Value.ShouldBe(0.0194070459, 1e-8);

        // Conger with missing ratings (irrCAC conger.kappa.raw): each rater's shares over the items that rater rated.
        // user 5: include 5/12, exclude 7/12; user 16: include 3/4, exclude 1/4. Means 7/12 and 5/12; the variance
        // across the two raters (divisor r - 1 = 1) is 2 (2/12)^2 = 8/144 for each category.
        // pe = sum (mean^2 - s2 / r) = (49 - 4)/144 + (25 - 4)/144 = 66/144; kappa = (1 - 66/144) / (1 - 66/144) = 1.
        var conger = design.CongerKappa!;
        (conger.Items, conger.PairedItems, conger.Raters, conger.Ratings).ShouldBe((12, 4, 2, 16));
        conger.Value.ShouldBe(1.0, Tolerance);
        conger.ChanceAgreement.ShouldBe(66.0 / 144, Tolerance);

        // Listwise deletion (irr kappam.fleiss) keeps the 4 items both rated and leaves 8 out. pj = (3/4, 1/4),
        // pe = 10/16, kappa = 1. sum pj qj = 3/8, sum pj qj (1 - 2 pj) = 3/16 (-1/2) + 3/16 (1/2) = 0, so
        // var = 2 / ((3/8)^2 * 4 * 2 * 1) * (3/8)^2 = 1/4, se = 1/2, z = 2, p = 2 (1 - pnorm(2)) = 0.0455002639.
        var listwise = design.ListwiseFleissKappa!;
        (listwise.Items, listwise.ItemsLeftOut, listwise.Raters).ShouldBe((4, 8, 2));
        listwise.Value.ShouldBe(1.0, Tolerance);
        listwise.Z!.Value.ShouldBe(2.0, Tolerance);
        listwise.P!.Value.ShouldBe(0.0455002639, 1e-8);
    }
}
