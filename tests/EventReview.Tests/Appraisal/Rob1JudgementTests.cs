using EventReview.Appraisal;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Appraisal;

/// <summary>
/// RoB 1 summary risk of bias (Cochrane Handbook 5.1, table 8.7.a), every domain taken as key: low if all domains are
/// low, high if one or more is high, otherwise unclear if one or more is unclear. The domains are not summed.
/// </summary>
public class Rob1JudgementTests
{
    private static readonly string[] DomainIds =
    [
        "random-sequence-generation", "allocation-concealment", "blinding-participants-personnel", "blinding-outcome-assessment",
        "incomplete-outcome-data", "selective-reporting", "other-bias",
    ];

    private static Dictionary<string, string> Domains(params string[] judgements) =>
        DomainIds.Zip(judgements).ToDictionary(d => d.First, d => d.Second, StringComparer.Ordinal);

    private static AppraisalResult Judge(params string[] judgements) =>
        AppraisalScoring.Score(Rob1.Instrument, Rob1.Instrument.DefaultScoring, Domains(judgements));

    [Fact]
    public void Low_in_every_domain_is_low_with_no_score_or_verdict()
    {
        var result = Judge("low", "low", "low", "low", "low", "low", "low");

        (result.OverallRating!.Code, result.Verdict, result.Percentage).ShouldBe(("low", null, null));
    }

    [Fact]
    public void One_high_domain_is_high_whatever_the_others_are()
    {
        Judge("low", "unclear", "low", "high", "low", "low", "unclear").OverallRating!
            .ShouldBe(new OverallRating("high", "High risk of bias", "high risk of bias in blinding-outcome-assessment"));
    }

    [Fact]
    public void Unclear_domains_without_a_high_one_are_unclear()
    {
        Judge("low", "unclear", "low", "low", "low", "unclear", "low").OverallRating!.Code.ShouldBe("unclear");
    }

    [Fact]
    public void Six_low_of_seven_would_pass_a_70_percent_sum_but_one_high_domain_is_still_high_risk()
    {
        // 6/7 = 85.7% under a summed rule; the handbook's rule judges the trial at high risk all the same.
        var result = Judge("low", "low", "low", "low", "low", "low", "high");
        result.OverallRating!.Code.ShouldBe("high");
        AppraisalScoring.Score(Rob1.Instrument, ScoringRule.Seed(Rob1.Instrument.Ratings), Domains("low", "low", "low", "low", "low", "low", "high"))
            .Verdict.ShouldBe(AppraisalVerdict.Accepted);
    }
}
