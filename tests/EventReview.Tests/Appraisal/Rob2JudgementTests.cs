using EventReview.Appraisal;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Appraisal;

/// <summary>
/// RoB 2 overall judgement (Sterne et al. 2019, BMJ 366:l4898, table 2): low if all domains are low; some concerns
/// if at least one domain has some concerns and none is high; high if any domain is high. Judging multiple
/// some-concerns domains as high is the assessor's option, off unless the scoring rule sets it.
/// </summary>
public class Rob2JudgementTests
{
    private static Dictionary<string, string> Domains(string d1, string d2, string d3, string d4, string d5) =>
        new() { ["d1"] = d1, ["d2"] = d2, ["d3"] = d3, ["d4"] = d4, ["d5"] = d5 };

    private static AppraisalResult Score(Dictionary<string, string> domains, int? someConcernsForHigh = null) =>
        AppraisalScoring.Score(Rob2.Instrument, Rob2.Instrument.DefaultScoring with { SomeConcernsDomainsForHigh = someConcernsForHigh }, domains);

    [Fact]
    public void All_domains_low_is_low_and_by_default_is_not_summed_into_a_score_or_verdict()
    {
        var result = Score(Domains("low", "low", "low", "low", "low"));

        result.OverallRating!.Code.ShouldBe("low");
        (result.Summed, result.Percentage, result.Verdict).ShouldBe((false, null, null));
        AppraisalScoring.FormatTotal(result).ShouldBe("Low risk of bias");
    }

    [Fact]
    public void A_score_the_lead_configures_explicitly_sums_the_domains()
    {
        // The seed paper's rule: one point per low domain, accepted from 70%: 5/5.
        var result = AppraisalScoring.Score(Rob2.Instrument, ScoringRule.Seed(Rob2.Instrument.Ratings), Domains("low", "low", "low", "low", "low"));

        (result.Score, result.Maximum, result.Verdict).ShouldBe((5, 5, AppraisalVerdict.Accepted));
        result.OverallRating!.Code.ShouldBe("low");
    }

    [Fact]
    public void One_domain_with_some_concerns_is_some_concerns()
    {
        var rating = Score(Domains("low", "low", "some-concerns", "low", "low")).OverallRating!;

        rating.Code.ShouldBe("some-concerns");
        rating.Basis.ShouldBe("some concerns in d3; no domain at high risk");
    }

    [Fact]
    public void Any_high_domain_is_high_whatever_the_others()
    {
        Score(Domains("low", "high", "low", "low", "low")).OverallRating!.Code.ShouldBe("high");
        Score(Domains("some-concerns", "low", "low", "high", "some-concerns")).OverallRating!.Basis.ShouldBe("high risk of bias in d4");
    }

    [Fact]
    public void Several_some_concerns_stay_some_concerns_under_the_published_rule()
    {
        Score(Domains("some-concerns", "some-concerns", "some-concerns", "low", "low")).OverallRating!.Code.ShouldBe("some-concerns");
    }

    [Fact]
    public void The_multiple_some_concerns_setting_raises_to_high_from_its_count()
    {
        var three = Domains("some-concerns", "some-concerns", "some-concerns", "low", "low");
        var two = Domains("some-concerns", "low", "some-concerns", "low", "low");

        Score(three, someConcernsForHigh: 3).OverallRating!.Code.ShouldBe("high");
        Score(two, someConcernsForHigh: 3).OverallRating!.Code.ShouldBe("some-concerns");
        Score(two, someConcernsForHigh: 2).OverallRating!.Code.ShouldBe("high");
    }

    [Fact]
    public void A_setting_below_two_domains_is_refused()
    {
        Should.Throw<AppraisalValidationException>(() => Score(Domains("low", "low", "low", "low", "low"), someConcernsForHigh: 1))
            .Message.ShouldBe("someConcernsDomainsForHigh must be at least 2 (\"multiple\" domains); leave it unset for the published rule");
    }

    [Fact]
    public void Overall_is_withheld_while_a_domain_is_unrated()
    {
        var domains = Domains("low", "low", "low", "low", "low");
        domains.Remove("d5");

        var result = Score(domains);

        result.OverallRating.ShouldBeNull();
        result.Complete.ShouldBeFalse();
        (result.Verdict, AppraisalScoring.FormatTotal(result)).ShouldBe((null, "no overall judgement yet"));
    }

    [Fact]
    public void Rob2_judgement_refuses_a_code_outside_low_some_concerns_high()
    {
        Should.Throw<AppraisalValidationException>(() => OverallRatings.Rob2Judgement(new Dictionary<string, string> { ["d1"] = "unclear" }))
            .Message.ShouldBe("RoB 2 judgement 'unclear' for domain 'd1' is not one of low, some-concerns, high");
    }
}
