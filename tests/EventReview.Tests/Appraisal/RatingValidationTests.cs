using EventReview.Appraisal;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Appraisal;

public class RatingValidationTests
{
    [Fact]
    public void Unknown_item_is_named_with_the_instruments_items()
    {
        var ratings = new Dictionary<string, string> { ["random-sequence"] = "low" };

        Should.Throw<AppraisalValidationException>(() => AppraisalScoring.Score(Rob1.Instrument, ratings)).Message.ShouldBe(
            "unknown item 'random-sequence' for instrument 'rob1'; its items are random-sequence-generation, allocation-concealment, " +
            "blinding-participants-personnel, blinding-outcome-assessment, incomplete-outcome-data, selective-reporting, other-bias");
    }

    [Fact]
    public void Disallowed_rating_is_named_with_the_allowed_codes()
    {
        var ratings = new Dictionary<string, string> { ["4"] = "N/A" };

        Should.Throw<AppraisalValidationException>(() => AppraisalScoring.Score(JbiQuasiExperimental.Instrument, ratings)).Message
            .ShouldBe("rating 'N/A' is not allowed for item '4' of instrument 'jbi-quasi-experimental'; allowed: yes, no, unclear, not-applicable");
    }

    [Fact]
    public void Every_problem_is_reported_on_one_line()
    {
        var ratings = new Dictionary<string, string> { ["d6"] = "low", ["d1"] = "unclear", ["d2"] = "" };

        var error = Should.Throw<AppraisalValidationException>(() => AppraisalScoring.Score(Rob2.Instrument, ratings));

        error.Errors.ShouldBe(
        [
            "unknown item 'd6' for instrument 'rob2'; its items are d1, d2, d3, d4, d5",
            "rating 'unclear' is not allowed for item 'd1' of instrument 'rob2'; allowed: low, some-concerns, high",
            "item 'd2' of instrument 'rob2' has an empty rating; allowed: low, some-concerns, high",
        ]);
        error.Message.ShouldBe(string.Join("; ", error.Errors));
        error.Message.ShouldNotContain('\n');
    }

    [Fact]
    public void Valid_and_partial_rating_sets_have_no_errors()
    {
        RatingValidation.Validate(Rob1.Instrument, new Dictionary<string, string>()).ShouldBeEmpty();
        RatingValidation.Validate(Rob1.Instrument, new Dictionary<string, string> { ["other-bias"] = "high" }).ShouldBeEmpty();
    }

    [Fact]
    public void Missing_rating_set_is_an_error_not_a_crash()
    {
        RatingValidation.Validate(Rob1.Instrument, null).ShouldBe(["no ratings given"]);
    }

    [Fact]
    public void Unknown_instrument_is_named_with_the_built_in_ones()
    {
        Should.Throw<AppraisalValidationException>(() => InstrumentCatalog.Get("robins-i")).Message
            .ShouldBe("unknown instrument 'robins-i'; built-in instruments are rob1, rob2, jbi-quasi-experimental, amstar2, sanra2");
    }

    [Fact]
    public void A_table_row_with_bad_ratings_names_the_study()
    {
        var rows = new[] { new AppraisalTableInput("Smith 2020", new Dictionary<string, string> { ["7"] = "maybe" }) };

        Should.Throw<AppraisalValidationException>(() => AppraisalTableBuilder.Build(Sanra2.Instrument, Sanra2.Instrument.DefaultScoring, rows))
            .Message.ShouldBe("Smith 2020: unknown item '7' for instrument 'sanra2'; its items are 1, 2, 3, 4, 5, 6");
    }
}
