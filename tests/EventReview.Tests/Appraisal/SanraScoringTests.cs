using EventReview.Appraisal;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Appraisal;

/// <summary>SANRA (Baethge et al. 2019): six items scored 0 to 2, sum 0 to 12.</summary>
public class SanraScoringTests
{
    private static AppraisalResult Score(params string[] items) =>
        AppraisalScoring.Score(Sanra2.Instrument, items.Select((r, i) => (r, i)).ToDictionary(x => $"{x.i + 1}", x => x.r));

    [Fact]
    public void The_sum_score_runs_from_0_to_12()
    {
        (Score("0", "0", "0", "0", "0", "0").Score, Score("2", "2", "2", "2", "2", "2").Score).ShouldBe((0, 12));
        Score("2", "2", "2", "2", "2", "2").Maximum.ShouldBe(12);
    }

    [Fact]
    public void Nine_of_twelve_is_accepted_and_eight_is_not()
    {
        // Table 2 of the seed: accepted from 9 of 12. 9/12 = 75% >= 70%; 8/12 = 66.7% < 70%.
        Score("2", "2", "2", "1", "1", "1").Verdict.ShouldBe(AppraisalVerdict.Accepted);
        Score("2", "2", "1", "1", "1", "1").Verdict.ShouldBe(AppraisalVerdict.Rejected);
    }

    [Fact]
    public void A_score_of_three_is_refused()
    {
        Should.Throw<AppraisalValidationException>(() => Score("3", "2", "2", "2", "2", "2"))
            .Message.ShouldBe("rating '3' is not allowed for item '1' of instrument 'sanra2'; allowed: 0, 1, 2");
    }
}
