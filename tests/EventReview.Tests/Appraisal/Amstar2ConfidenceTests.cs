using EventReview.Appraisal;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Appraisal;

/// <summary>
/// AMSTAR 2 overall confidence by the rule of Shea et al. 2017 (BMJ 358:j4008, box 2): critical items 2, 4, 7, 9,
/// 11, 13, 15; a "no" there is a critical flaw, a "no" elsewhere a non-critical weakness; partial yes is neither.
/// </summary>
public class Amstar2ConfidenceTests
{
    /// <summary>Items 1 to 16 written as a paper prints them: Y, PY, N, NMA (no meta-analysis conducted).</summary>
    private static Dictionary<string, string> Printed(string items) =>
        items.Split(' ')
            .Select((code, index) => (code, index))
            .ToDictionary(r => (r.index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), r => r.code switch
            {
                "Y" => Amstar2.Yes,
                "PY" => Amstar2.PartialYes,
                "N" => Amstar2.No,
                _ => Amstar2.NoMetaAnalysis,
            });

    private static OverallRating Confidence(string items, ScoringRule? rule = null) =>
        AppraisalScoring.Score(Amstar2.Instrument, rule ?? Amstar2.Instrument.DefaultScoring, Printed(items)).OverallRating!;

    [Fact]
    public void Seed_Zeng_2022_has_one_critical_flaw_so_confidence_is_low()
    {
        // Table 5: no on item 7 (critical: excluded studies justified) and item 10 (non-critical: funding).
        // One critical flaw with or without non-critical weaknesses -> low.
        var rating = Confidence("Y Y PY Y Y Y N PY Y N Y PY Y Y PY PY");

        rating.Code.ShouldBe("low");
        rating.Basis.ShouldBe("critical flaws: item 7; non-critical weaknesses: item 10");
    }

    [Theory]
    [InlineData("Islam et al. (2023)", "Y Y Y PY Y Y PY Y PY N Y PY PY Y Y Y")]
    [InlineData("Nawar et al. (2024)", "Y PY Y PY Y Y PY PY Y N Y Y Y Y Y Y")]
    public void Seed_reviews_with_only_item_10_missing_have_high_confidence(string study, string items)
    {
        // Table 5: the only "no" is item 10 (non-critical); partial yes on critical items 4, 7, 9 (Islam) or 2, 4, 7
        // (Nawar) is not a flaw. No critical flaw and one non-critical weakness -> high.
        var rating = Confidence(items);

        rating.Code.ShouldBe("high", study);
        rating.Basis.ShouldBe("critical flaws: none; non-critical weaknesses: item 10");
    }

    [Fact]
    public void Two_critical_flaws_are_critically_low()
    {
        // No on items 2 and 4 (both critical) -> more than one critical flaw -> critically low.
        var rating = Confidence("Y N Y N Y Y Y Y Y Y Y Y Y Y Y Y");

        rating.Code.ShouldBe("critically-low");
        rating.Basis.ShouldBe("critical flaws: items 2, 4; non-critical weaknesses: none");
    }

    [Fact]
    public void Two_non_critical_weaknesses_are_moderate_and_low_only_when_the_setting_asks()
    {
        // No on items 3 and 10 (both non-critical): more than one weakness, no flaw -> moderate.
        // With nonCriticalWeaknessesForLow = 2 (Shea et al.'s footnote on multiple weaknesses) -> low.
        const string items = "Y Y N Y Y Y Y Y Y N Y Y Y Y Y Y";

        Confidence(items).Code.ShouldBe("moderate");
        Confidence(items, Amstar2.Instrument.DefaultScoring with { NonCriticalWeaknessesForLow = 2 }).Code.ShouldBe("low");
        Confidence(items, Amstar2.Instrument.DefaultScoring with { NonCriticalWeaknessesForLow = 3 }).Code.ShouldBe("moderate");
    }

    [Fact]
    public void No_meta_analysis_on_items_11_12_15_is_neither_flaw_nor_weakness_and_leaves_the_maximum()
    {
        // Items 11, 12 and 15 not applicable: with them excluded the maximum is 16 - 3 = 13 and the 13 yes score
        // 13/13 = 100%; counted as zero it is 13/16 = 81.25%. Either way no "no" -> high confidence.
        var ratings = Printed("Y Y Y Y Y Y Y Y Y Y NMA NMA Y Y NMA Y");

        var excluded = AppraisalScoring.Score(Amstar2.Instrument, ratings);
        (excluded.Score, excluded.Maximum, excluded.OverallRating!.Code).ShouldBe((13, 13, "high"));
        excluded.NotApplicableItems.ShouldBe(["11", "12", "15"]);

        var zero = AppraisalScoring.Score(Amstar2.Instrument, Amstar2.Instrument.DefaultScoring with { NotApplicable = NotApplicableTreatment.CountAsZero }, ratings);
        (zero.Score, zero.Maximum).ShouldBe((13, 16));
        zero.Percentage!.Value.ShouldBe(81.25, 1e-12);
    }

    [Fact]
    public void No_meta_analysis_is_refused_on_items_other_than_11_12_15()
    {
        var ratings = Printed("Y Y NMA Y Y Y Y Y Y Y Y Y Y Y Y Y");

        Should.Throw<AppraisalValidationException>(() => AppraisalScoring.Score(Amstar2.Instrument, ratings))
            .Message.ShouldBe("rating 'no-meta-analysis' is not allowed for item '3' of instrument 'amstar2'; allowed: yes, partial-yes, no");
    }

    [Fact]
    public void Confidence_is_withheld_until_every_item_is_rated()
    {
        var ratings = Printed("Y Y Y Y Y Y Y Y Y Y Y Y Y Y Y Y");
        ratings.Remove("16");

        var result = AppraisalScoring.Score(Amstar2.Instrument, ratings);

        result.OverallRating.ShouldBeNull();
        result.MissingItems.ShouldBe(["16"]);
    }
}
