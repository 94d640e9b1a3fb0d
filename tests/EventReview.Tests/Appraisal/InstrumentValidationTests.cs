using System.Text.Json;
using System.Text.Json.Serialization;
using EventReview.Appraisal;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Appraisal;

public class InstrumentValidationTests
{
    private static readonly RatingOption[] YesNo = [new("yes", "Yes"), new("no", "No"), new("na", "Not applicable", NotApplicable: true)];

    private static AppraisalInstrument Checklist(params InstrumentItem[] items) =>
        new("team-checklist", "1", "Team checklist", items, YesNo, ScoringRule.Seed(YesNo));

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    [Fact]
    public void Built_in_instruments_are_valid_definitions()
    {
        InstrumentCatalog.BuiltIn.ShouldAllBe(i => InstrumentValidation.Validate(i).Count == 0);
    }

    [Fact]
    public void A_sound_custom_checklist_is_valid_and_scores()
    {
        var checklist = Checklist(new("q1", "Was it registered?"), new("q2", "Was it blinded?"), new("q3", "Was it complete?"));

        InstrumentValidation.Validate(checklist).ShouldBeEmpty();
        // yes, no, not applicable: 1 point of a maximum of 3 - 1 = 2 -> 50% < 70%.
        var result = AppraisalScoring.Score(checklist, new Dictionary<string, string> { ["q1"] = "yes", ["q2"] = "no", ["q3"] = "na" });
        (result.Score, result.Maximum, result.Verdict).ShouldBe((1, 2, AppraisalVerdict.Rejected));
    }

    [Fact]
    public void Duplicate_item_ids_are_reported()
    {
        var checklist = Checklist(new("q1", "First"), new("q1", "Second"), new("q2", "Third"));

        InstrumentValidation.Validate(checklist).ShouldBe(["item id 'q1' appears 2 times; item ids must be unique"]);
    }

    [Fact]
    public void Empty_ratings_and_items_are_reported()
    {
        var definition = new AppraisalInstrument("empty", "1", "Empty", [], [], ScoringRule.Seed([]));

        InstrumentValidation.Validate(definition).ShouldBe(["the instrument needs at least one rating", "the instrument needs at least one item"]);
    }

    [Fact]
    public void Scoring_must_cover_every_rating_and_only_the_instruments_ratings()
    {
        var rule = new ScoringRule(new Dictionary<string, int> { ["yes"] = 1, ["maybe"] = 1, ["na"] = 0 }, 70m, NotApplicableTreatment.ExcludeFromDenominator);
        var definition = Checklist(new InstrumentItem("q1", "Only question")) with { DefaultScoring = rule };

        InstrumentValidation.Validate(definition).ShouldBe(
        [
            "scoring gives points to 'maybe', which is not a rating of instrument 'team-checklist'",
            "scoring gives points to the not-applicable rating 'na'; its treatment is the notApplicable setting",
            "scoring gives no points value for rating 'no'; give every rating its points (0 included)",
        ]);
    }

    [Fact]
    public void Negative_points_and_a_threshold_above_100_are_reported()
    {
        var rule = new ScoringRule(new Dictionary<string, int> { ["yes"] = 1, ["no"] = -1 }, 120m, NotApplicableTreatment.CountAsZero);
        var definition = Checklist(new InstrumentItem("q1", "Only question")) with { DefaultScoring = rule };

        InstrumentValidation.Validate(definition).ShouldBe(["scoring gives negative points (-1) to 'no'", "acceptance threshold 120% is outside 0 to 100"]);
    }

    [Fact]
    public void Item_ratings_must_be_ratings_of_the_instrument()
    {
        var definition = Checklist(new("q1", "Question", AllowedRatings: ["yes", "partly"]), new("q2", "Other", AllowedRatings: ["na"]));

        InstrumentValidation.Validate(definition).ShouldBe(
        [
            "item 'q1' allows 'partly', which is not a rating of the instrument",
            "item 'q2' allows only not-applicable ratings",
        ]);
    }

    [Fact]
    public void An_overall_method_needs_the_ratings_it_reads()
    {
        var definition = Checklist(new InstrumentItem("q1", "Question")) with { Overall = OverallRatingMethod.Rob2 };

        InstrumentValidation.Validate(definition).ShouldBe(["the rob2 overall rating needs exactly the ratings low, some-concerns and high"]);
    }

    [Fact]
    public void A_definition_posted_as_json_is_checked_without_crashing_on_missing_parts()
    {
        const string body = """
            { "id": "My Tool", "version": "1", "name": "Mine",
              "ratings": [ { "code": "yes", "label": "Yes" }, { "code": "yes", "label": "Also yes" } ] }
            """;
        var definition = JsonSerializer.Deserialize<AppraisalInstrument>(body, Json);

        InstrumentValidation.Validate(definition).ShouldBe(
        [
            "instrument id 'My Tool' must be lower-case letters and digits separated by single hyphens",
            "rating code 'yes' appears 2 times; rating codes must be unique",
            "the instrument needs at least one item",
        ]);
    }

    [Fact]
    public void A_complete_json_definition_round_trips_and_validates()
    {
        const string body = """
            { "id": "two-step", "version": "2025-01", "name": "Two step",
              "items": [ { "id": "a", "text": "First?" }, { "id": "b", "text": "Second?", "critical": true } ],
              "ratings": [ { "code": "yes", "label": "Yes" }, { "code": "no", "label": "No" } ],
              "defaultScoring": { "points": { "yes": 1, "no": 0 }, "thresholdPercent": 50, "notApplicable": "count-as-zero" },
              "overall": "amstar2" }
            """;
        var definition = JsonSerializer.Deserialize<AppraisalInstrument>(body, Json)!;

        InstrumentValidation.Validate(definition).ShouldBeEmpty();
        // "no" on critical item b: one critical flaw -> low; 1/2 = 50% at a 50% threshold -> accepted.
        var result = AppraisalScoring.Score(definition, new Dictionary<string, string> { ["a"] = "yes", ["b"] = "no" });
        (result.Verdict, result.OverallRating!.Code).ShouldBe((AppraisalVerdict.Accepted, "low"));
    }

    [Fact]
    public void Ensure_valid_throws_one_line_with_every_problem()
    {
        var checklist = Checklist(new("q1", "First"), new("q1", " "));

        Should.Throw<AppraisalValidationException>(() => InstrumentValidation.EnsureValid(checklist))
            .Message.ShouldBe("item 'q1' text must not be empty; item id 'q1' appears 2 times; item ids must be unique");
    }
}
