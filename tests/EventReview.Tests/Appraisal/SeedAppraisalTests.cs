using EventReview.Appraisal;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Appraisal;

/// <summary>
/// The seed review's Tables 3 to 6 (Amin et al. 2025, Cureus 17(6):e86988) re-scored under its own rule: one point
/// for low risk, yes, partial yes or "1", two for "2", none otherwise; accepted at 70% or more. Every expected
/// number below is worked out by hand from the printed item ratings.
/// </summary>
public class SeedAppraisalTests
{
    private static AppraisalTable SeedTable(AppraisalInstrument instrument, NotApplicableTreatment notApplicable) =>
        SeedAppraisals.Table(instrument, ScoringRule.Seed(instrument.Ratings, notApplicable));

    private static AppraisalTableRow Row(AppraisalTable table, string study) => table.Rows.Single(r => r.Study == study);

    [Fact]
    public void Table2_accepted_scores_are_the_smallest_scores_reaching_70_percent()
    {
        // Table 2: CCRBT 7 -> 5, JBI 9 -> 7, AMSTAR 2 16 -> 12, SANRA 12 -> 9.
        // By hand: 0.7 x 7 = 4.9 -> 5; 0.7 x 9 = 6.3 -> 7; 0.7 x 16 = 11.2 -> 12; 0.7 x 12 = 8.4 -> 9.
        foreach (var printed in SeedAppraisals.Table2)
        {
            var instrument = InstrumentCatalog.Get(printed.InstrumentId);
            var maximum = instrument.Items.Count * (instrument.Id == Sanra2.Id ? 2 : 1);
            maximum.ShouldBe(printed.TotalScore);
            AppraisalScoring.MinimumAcceptedScore(maximum, instrument.DefaultScoring.ThresholdPercent).ShouldBe(printed.AcceptedScore);
        }
    }

    [Fact]
    public void Jbi_table3_excluding_not_applicable_gives_6_of_7_and_8_of_9()
    {
        // Cohen: items 1, 5, 6, 7, 8, 9 yes = 6 points; items 2, 3 N/A leave the maximum: 9 - 2 = 7.
        //   6/7 = 85.71% >= 70% -> accepted.
        // Jamali: items 1, 2, 3, 5, 6, 7, 8, 9 yes = 8 points; item 4 no; no N/A: 8/9 = 88.89% -> accepted.
        var table = SeedTable(JbiQuasiExperimental.Instrument, NotApplicableTreatment.ExcludeFromDenominator);

        var cohen = Row(table, "Cohen et al. (2023)");
        (cohen.Result.Score, cohen.Result.Maximum, cohen.Total).ShouldBe((6, 7, "6/7 (85.7%)"));
        cohen.Result.Percentage!.Value.ShouldBe(600.0 / 7, 1e-9);
        cohen.Result.Verdict.ShouldBe(AppraisalVerdict.Accepted);
        cohen.Result.NotApplicableItems.ShouldBe(["2", "3"]);

        var jamali = Row(table, "Jamali et al. (2024)");
        (jamali.Result.Score, jamali.Result.Maximum, jamali.Total).ShouldBe((8, 9, "8/9 (88.9%)"));
        jamali.Result.Verdict.ShouldBe(AppraisalVerdict.Accepted);
    }

    [Fact]
    public void Jbi_table3_counting_not_applicable_as_zero_gives_6_of_9_and_rejects_Cohen()
    {
        // Cohen: 6 points, the two N/A items score 0 but stay in the maximum: 6/9 = 66.67% < 70% -> rejected.
        // Jamali has no N/A item, so it is unchanged: 8/9 = 88.89% -> accepted.
        var table = SeedTable(JbiQuasiExperimental.Instrument, NotApplicableTreatment.CountAsZero);

        var cohen = Row(table, "Cohen et al. (2023)");
        (cohen.Result.Score, cohen.Result.Maximum, cohen.Total).ShouldBe((6, 9, "6/9 (66.7%)"));
        cohen.Result.Verdict.ShouldBe(AppraisalVerdict.Rejected);

        var jamali = Row(table, "Jamali et al. (2024)");
        (jamali.Result.Score, jamali.Result.Maximum, jamali.Total).ShouldBe((8, 9, "8/9 (88.9%)"));
        jamali.Result.Verdict.ShouldBe(AppraisalVerdict.Accepted);
    }

    [Fact]
    public void Jbi_printed_totals_do_not_follow_from_the_ratings_when_not_applicable_is_excluded()
    {
        // Printed "7/9 (100%)" for Cohen: the ratings give 6/7; and 7/9 itself would be 77.8%, not 100%.
        // Printed "8/9 (100%)" for Jamali: 8/9 is right, but it is 88.9%, not 100%.
        // Both printed "Included", which agrees with 6/7 and 8/9 here.
        var table = SeedTable(JbiQuasiExperimental.Instrument, NotApplicableTreatment.ExcludeFromDenominator);

        Row(table, "Cohen et al. (2023)").Discrepancies.ShouldBe(
        [
            "printed score 7 but the ratings give 6",
            "printed maximum 9 but the ratings give 7",
            "printed 100% but the ratings give 6/7 (85.7%)",
            "printed 100% does not follow from the printed 7/9 (77.8%)",
        ]);
        Row(table, "Jamali et al. (2024)").Discrepancies.ShouldBe(["printed 100% but the ratings give 8/9 (88.9%)"]);
    }

    [Fact]
    public void Jbi_printed_totals_and_Cohens_verdict_do_not_follow_when_not_applicable_counts_as_zero()
    {
        // Cohen at 6/9 = 66.7% is below 70%, so the printed "Included" no longer follows either.
        var table = SeedTable(JbiQuasiExperimental.Instrument, NotApplicableTreatment.CountAsZero);

        Row(table, "Cohen et al. (2023)").Discrepancies.ShouldBe(
        [
            "printed score 7 but the ratings give 6",
            "printed 100% but the ratings give 6/9 (66.7%)",
            "printed 100% does not follow from the printed 7/9 (77.8%)",
            "printed verdict 'Included' but 6/9 (66.7%) is below the 70% threshold",
        ]);
        Row(table, "Jamali et al. (2024)").Discrepancies.ShouldBe(["printed 100% but the ratings give 8/9 (88.9%)"]);
    }

    [Theory]
    [InlineData(NotApplicableTreatment.ExcludeFromDenominator)]
    [InlineData(NotApplicableTreatment.CountAsZero)]
    public void Risk_of_bias_table4_scores_out_of_seven_domains_and_flags_Petrou(NotApplicableTreatment notApplicable)
    {
        // Table 4 rates five of RoB 1's seven domains; Table 2 scores the tool out of 7 (accepted from 5).
        // Petrou: low, unclear, low, unclear, low = 3 points; 3/7 = 42.86% < 70% -> rejected, yet Table 2 lists it
        //   as accepted (even out of the five printed domains, 3/5 = 60% would fail).
        // Harris: five low = 5 points; 5/7 = 71.43% >= 70% -> accepted, as Table 2 says.
        // RoB 1 has no not-applicable rating, so both settings give the same numbers.
        var table = SeedTable(Rob1.Instrument, notApplicable);

        var petrou = Row(table, "Petrou et al. (2022)");
        (petrou.Result.Score, petrou.Result.Maximum, petrou.Total).ShouldBe((3, 7, "3/7 (42.9%)"));
        petrou.Result.Verdict.ShouldBe(AppraisalVerdict.Rejected);
        petrou.Result.Complete.ShouldBeFalse();
        petrou.Result.MissingItems.ShouldBe(["blinding-outcome-assessment", "incomplete-outcome-data"]);
        petrou.Discrepancies.ShouldBe(["printed verdict 'Accepted' but 3/7 (42.9%) is below the 70% threshold"]);

        var harris = Row(table, "Harris et al. (2024)");
        (harris.Result.Score, harris.Result.Maximum, harris.Total).ShouldBe((5, 7, "5/7 (71.4%)"));
        harris.Result.Verdict.ShouldBe(AppraisalVerdict.Accepted);
        harris.Flagged.ShouldBeFalse();
    }

    [Theory]
    [InlineData(NotApplicableTreatment.ExcludeFromDenominator)]
    [InlineData(NotApplicableTreatment.CountAsZero)]
    public void Amstar2_table5_scores_14_15_15_of_16_and_all_are_accepted(NotApplicableTreatment notApplicable)
    {
        // Yes and partial yes score 1, no scores 0; no item is "no meta-analysis", so both settings agree.
        // Zeng: no on items 7 and 10 -> 16 - 2 = 14; 14/16 = 87.5%.
        // Islam: no on item 10 only -> 15/16 = 93.75%, printed to one decimal as 93.8%.
        // Nawar: no on item 10 only -> 15/16 = 93.75%.
        var table = SeedTable(Amstar2.Instrument, notApplicable);

        Row(table, "Zeng et al. (2022)").Total.ShouldBe("14/16 (87.5%)");
        Row(table, "Islam et al. (2023)").Total.ShouldBe("15/16 (93.8%)");
        Row(table, "Nawar et al. (2024)").Total.ShouldBe("15/16 (93.8%)");
        table.Rows.ShouldAllBe(r => r.Result.Verdict == AppraisalVerdict.Accepted && !r.Flagged);
    }

    [Theory]
    [InlineData(NotApplicableTreatment.ExcludeFromDenominator)]
    [InlineData(NotApplicableTreatment.CountAsZero)]
    public void Sanra_table6_scores_10_of_12(NotApplicableTreatment notApplicable)
    {
        // Hu: 2 + 2 + 1 + 2 + 2 + 1 = 10 of 6 x 2 = 12; 10/12 = 83.33% >= 70% -> accepted.
        var hu = Row(SeedTable(Sanra2.Instrument, notApplicable), "Hu et al. (2024)");

        (hu.Result.Score, hu.Result.Maximum, hu.Total).ShouldBe((10, 12, "10/12 (83.3%)"));
        hu.Result.Verdict.ShouldBe(AppraisalVerdict.Accepted);
        hu.Flagged.ShouldBeFalse();
    }

    [Theory]
    [InlineData(NotApplicableTreatment.ExcludeFromDenominator)]
    [InlineData(NotApplicableTreatment.CountAsZero)]
    public void Exactly_the_rows_that_do_not_follow_from_their_ratings_are_flagged(NotApplicableTreatment notApplicable)
    {
        // From the tests above: both JBI rows (printed 100%) and Petrou (accepted at 3/7) under either setting.
        var flagged = InstrumentCatalog.BuiltIn
            .SelectMany(i => SeedTable(i, notApplicable).Rows)
            .Where(r => r.Flagged)
            .Select(r => r.Study);

        flagged.ShouldBe(["Cohen et al. (2023)", "Jamali et al. (2024)", "Petrou et al. (2022)"], ignoreOrder: true);
    }

    [Fact]
    public void Seed_holds_the_eight_included_studies_with_their_reference_numbers()
    {
        // Table 2's accepted studies with the paper's reference numbers.
        SeedAppraisals.All.Select(a => (a.Study, a.Reference)).ShouldBe(
        [
            ("Cohen et al. (2023)", 27), ("Jamali et al. (2024)", 28), ("Petrou et al. (2022)", 20), ("Harris et al. (2024)", 21),
            ("Zeng et al. (2022)", 30), ("Islam et al. (2023)", 6), ("Nawar et al. (2024)", 29), ("Hu et al. (2024)", 14),
        ]);
        SeedAppraisals.All.ShouldAllBe(a => RatingValidation.Validate(InstrumentCatalog.Get(a.InstrumentId), a.Ratings).Count == 0);
    }
}
