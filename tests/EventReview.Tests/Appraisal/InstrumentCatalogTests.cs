using EventReview.Appraisal;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Appraisal;

/// <summary>The shipped instruments against their publications' structure.</summary>
public class InstrumentCatalogTests
{
    [Fact]
    public void Rob1_has_the_seven_domains_of_Higgins_2011()
    {
        Rob1.Instrument.Items.Select(i => i.Domain).ShouldBe(
            ["Selection bias", "Selection bias", "Performance bias", "Detection bias", "Attrition bias", "Reporting bias", "Other bias"]);
        Rob1.Instrument.Ratings.Select(r => r.Code).ShouldBe(["low", "high", "unclear"]);
    }

    [Fact]
    public void Rob2_has_five_domains_and_three_judgements()
    {
        Rob2.Instrument.Items.Count.ShouldBe(5);
        Rob2.Instrument.Ratings.Select(r => r.Code).ShouldBe(["low", "some-concerns", "high"]);
        Rob2.Instrument.Overall.ShouldBe(OverallRatingMethod.Rob2);
    }

    [Fact]
    public void Jbi_quasi_experimental_has_nine_questions_answered_yes_no_unclear_or_not_applicable()
    {
        JbiQuasiExperimental.Instrument.Items.Count.ShouldBe(9);
        JbiQuasiExperimental.Instrument.Items[3].Text.ShouldBe("Was there a control group?");
        JbiQuasiExperimental.Instrument.Ratings.Select(r => (r.Code, r.NotApplicable))
            .ShouldBe([("yes", false), ("no", false), ("unclear", false), ("not-applicable", true)]);
    }

    [Fact]
    public void Amstar2_has_sixteen_items_with_the_critical_ones_of_Shea_2017()
    {
        Amstar2.Instrument.Items.Count.ShouldBe(16);
        Amstar2.Instrument.Items.Where(i => i.Critical).Select(i => i.Id).ShouldBe(["2", "4", "7", "9", "11", "13", "15"]);
        Amstar2.Instrument.Items.Where(i => i.AllowedRatings is null).Select(i => i.Id).ShouldBe(["11", "12", "15"]);
    }

    [Fact]
    public void Sanra_has_six_items_scored_0_to_2()
    {
        Sanra2.Instrument.Items.Count.ShouldBe(6);
        Sanra2.Instrument.Ratings.Select(r => r.Code).ShouldBe(["0", "1", "2"]);
    }

    [Fact]
    public void Ids_are_unique_and_found()
    {
        InstrumentCatalog.BuiltIn.Select(i => i.Id).ShouldBeUnique();
        InstrumentCatalog.BuiltIn.ShouldAllBe(i => InstrumentCatalog.Find(i.Id) == i);
        InstrumentCatalog.Find("nope").ShouldBeNull();
    }
}
