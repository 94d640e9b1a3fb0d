using EventReview.Appraisal;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Appraisal;

public class ScoringRuleTests
{
    /// <summary>One item whose three ratings are worth 0, 57 and 100 points.</summary>
    private static readonly AppraisalInstrument Graded = new(
        "graded",
        "1",
        "Graded",
        [new InstrumentItem("a", "How much?")],
        [new RatingOption("none", "None"), new RatingOption("some", "Some"), new RatingOption("all", "All")],
        new ScoringRule(new Dictionary<string, int> { ["none"] = 0, ["some"] = 57, ["all"] = 100 }, 57m, NotApplicableTreatment.ExcludeFromDenominator));

    [Fact]
    public void The_threshold_is_inclusive_and_exact()
    {
        // 57/100 at a 57% threshold is exactly on it, so accepted. In binary floating point 0.57 * 100 is
        // 56.99999999999999, which a double comparison would reject.
        AppraisalScoring.Score(Graded, new Dictionary<string, string> { ["a"] = "some" }).Verdict.ShouldBe(AppraisalVerdict.Accepted);
        AppraisalScoring.Score(Graded, Graded.DefaultScoring with { ThresholdPercent = 57.01m }, new Dictionary<string, string> { ["a"] = "some" })
            .Verdict.ShouldBe(AppraisalVerdict.Rejected);
    }

    [Fact]
    public void Seventy_percent_exactly_is_accepted()
    {
        // 7 of 10 at the seed's 70% threshold.
        AppraisalScoring.IsAccepted(7, 10, 70m).ShouldBeTrue();
        AppraisalScoring.IsAccepted(69, 100, 70m).ShouldBeFalse();
    }

    [Fact]
    public void The_minimum_accepted_score_is_the_boundary_of_the_verdict()
    {
        // Invariant: the minimum accepted score is accepted and one point less is not.
        foreach (var threshold in new[] { 70m, 57m, 33.3m, 100m })
        {
            for (var maximum = 1; maximum <= 60; maximum++)
            {
                var minimum = AppraisalScoring.MinimumAcceptedScore(maximum, threshold);
                AppraisalScoring.IsAccepted(minimum, maximum, threshold).ShouldBeTrue();
                AppraisalScoring.IsAccepted(minimum - 1, maximum, threshold).ShouldBeFalse();
            }
        }
    }

    [Fact]
    public void Seed_rule_gives_the_papers_points()
    {
        // Methods of Amin et al. 2025: 1 for low risk, yes, partial yes or "1"; 2 for "2"; 0 otherwise; 70%.
        ScoringRule.Seed(Rob1.Instrument.Ratings).Points.ShouldBe(new Dictionary<string, int> { ["low"] = 1, ["high"] = 0, ["unclear"] = 0 });
        ScoringRule.Seed(Amstar2.Instrument.Ratings).Points.ShouldBe(new Dictionary<string, int> { ["yes"] = 1, ["partial-yes"] = 1, ["no"] = 0 });
        ScoringRule.Seed(Sanra2.Instrument.Ratings).Points.ShouldBe(new Dictionary<string, int> { ["0"] = 0, ["1"] = 1, ["2"] = 2 });
        ScoringRule.Seed(JbiQuasiExperimental.Instrument.Ratings).ThresholdPercent.ShouldBe(70m);
    }

    [Fact]
    public void A_review_can_score_partial_yes_as_zero()
    {
        // Zeng et al. (seed Table 5): partial yes on items 3, 8, 12, 15, 16 and no on items 7, 10 leave
        // 16 - 5 - 2 = 9 yes; 9/16 = 56.25% < 70% -> rejected under this stricter rule (accepted at 14/16 under the seed's).
        var stricter = Amstar2.Instrument.DefaultScoring with
        {
            Points = new Dictionary<string, int> { ["yes"] = 1, ["partial-yes"] = 0, ["no"] = 0 },
        };
        var zeng = SeedAppraisals.All.Single(a => a.Study == "Zeng et al. (2022)");

        var result = AppraisalScoring.Score(Amstar2.Instrument, stricter, zeng.Ratings);

        (result.Score, result.Maximum, result.Verdict).ShouldBe((9, 16, AppraisalVerdict.Rejected));
    }

    [Fact]
    public void All_not_applicable_has_no_percentage_or_verdict_when_excluded_and_scores_zero_when_counted()
    {
        var allNotApplicable = JbiQuasiExperimental.Instrument.Items.ToDictionary(i => i.Id, _ => "not-applicable");

        var excluded = AppraisalScoring.Score(JbiQuasiExperimental.Instrument, allNotApplicable);
        (excluded.Score, excluded.Maximum, excluded.Percentage, excluded.Verdict).ShouldBe((0, 0, (double?)null, (AppraisalVerdict?)null));

        var counted = AppraisalScoring.Score(
            JbiQuasiExperimental.Instrument,
            JbiQuasiExperimental.Instrument.DefaultScoring with { NotApplicable = NotApplicableTreatment.CountAsZero },
            allNotApplicable);
        (counted.Score, counted.Maximum, counted.Percentage, counted.Verdict).ShouldBe((0, 9, (double?)0, (AppraisalVerdict?)AppraisalVerdict.Rejected));
    }

    [Fact]
    public void A_review_rule_that_misses_a_rating_is_refused()
    {
        var rule = new ScoringRule(new Dictionary<string, int> { ["low"] = 1, ["high"] = 0 }, 70m, NotApplicableTreatment.CountAsZero);

        Should.Throw<AppraisalValidationException>(() => AppraisalScoring.Score(Rob1.Instrument, rule, new Dictionary<string, string>()))
            .Message.ShouldBe("scoring gives no points value for rating 'unclear'; give every rating its points (0 included)");
    }
}
