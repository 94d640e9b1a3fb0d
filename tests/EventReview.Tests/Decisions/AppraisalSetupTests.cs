using EventReview.Appraisal;
using EventReview.Identity;
using EventReview.Rules;
using static EventReview.Tests.Decisions.DecisionSpec;
using static EventReview.Tests.Decisions.Histories;

namespace EventReview.Tests.Decisions;

/// <summary>A lead's appraisal settings: appraisers per record, an instrument's scoring, and instruments of the review's own.</summary>
public class AppraisalSetupTests
{
    /// <summary>Three items scored 0 to 2, like SANRA: maximum 6, accepted from 5 at 75%.</summary>
    private static AppraisalInstrument Checklist(string id = "stem-cell-checklist") => new(
        id,
        "1.0",
        "Stem cell trial checklist",
        [
            new InstrumentItem("dose", "Is the cell dose reported?", "Dose"),
            new InstrumentItem("source", "Is the cell source characterised?", "Source"),
            new InstrumentItem("follow-up", "Is follow-up at least 12 months?", "Follow-up"),
        ],
        [new RatingOption("0", "Not at all"), new RatingOption("1", "Partly"), new RatingOption("2", "Fully")],
        new ScoringRule(new Dictionary<string, int> { ["0"] = 0, ["1"] = 1, ["2"] = 2 }, 75m, NotApplicableTreatment.ExcludeFromDenominator));

    private static Func<FoldedHistory, RuleOutcome> Score(string instrument, ConfigureAppraisalScoring command, Actor? by = null) =>
        h => ConfigureAppraisalScoringEndpoint.Decide(h.Review, h.AppraisalSettings, instrument, command, by ?? Lead);

    private static Func<FoldedHistory, RuleOutcome> Add(AppraisalInstrument definition, Actor? by = null) =>
        h => AddInstrumentEndpoint.Decide(h.Review, h.AppraisalSettings, definition, by ?? Lead);

    [Fact]
    public void A_lead_sets_how_many_appraisers_a_record_needs()
    {
        Given(ReviewWithTeam())
            .When(h => ConfigureAppraisalEndpoint.Decide(h.Review, new ConfigureAppraisal(2), Lead))
            .Then(new AppraisalSettingsConfigured(ReviewId, 2, Lead));
    }

    [Fact]
    public void Only_a_lead_sets_the_appraisers_per_record()
    {
        Given(ReviewWithTeam())
            .When(h => ConfigureAppraisalEndpoint.Decide(h.Review, new ConfigureAppraisal(2), A1))
            .ThenRefused(RefusalKind.Forbidden);
    }

    [Fact]
    public void Scoring_without_points_keeps_the_instruments_own_points()
    {
        // SANRA's points under the seed rule: 0, 1 and 2 for the ratings "0", "1" and "2".
        Given(ReviewWithTeam())
            .When(Score(Sanra2.Id, new ConfigureAppraisalScoring(null, 85m, NotApplicableTreatment.CountAsZero, null, null)))
            .Then(new AppraisalScoringConfigured(ReviewId, Sanra2.Id,
                new ScoringRule(new Dictionary<string, int> { ["0"] = 0, ["1"] = 1, ["2"] = 2 }, 85m, NotApplicableTreatment.CountAsZero), Lead));
    }

    [Fact]
    public void A_review_scores_its_own_instrument()
    {
        var points = new Dictionary<string, int> { ["0"] = 0, ["1"] = 2, ["2"] = 3 };
        Given(ReviewWithTeam(), new CustomInstrumentAdded(ReviewId, Checklist(), Lead))
            .When(Score("stem-cell-checklist", new ConfigureAppraisalScoring(points, 60m, NotApplicableTreatment.ExcludeFromDenominator, null, null)))
            .Then(new AppraisalScoringConfigured(ReviewId, "stem-cell-checklist",
                new ScoringRule(new Dictionary<string, int> { ["0"] = 0, ["1"] = 2, ["2"] = 3 }, 60m, NotApplicableTreatment.ExcludeFromDenominator), Lead));
    }

    [Fact]
    public void Scoring_must_fit_the_instrument()
    {
        var negative = new Dictionary<string, int> { ["low"] = 1, ["high"] = -1, ["unclear"] = 0 };
        Given(ReviewWithTeam())
            .When(Score(Rob1.Id, new ConfigureAppraisalScoring(negative, 70m, NotApplicableTreatment.CountAsZero, null, null)))
            .ThenInvalid("negative points (-1) to 'high'");
        Given(ReviewWithTeam())
            .When(Score(Rob1.Id, new ConfigureAppraisalScoring(null, 170m, NotApplicableTreatment.CountAsZero, null, null)))
            .ThenInvalid("170");
    }

    [Fact]
    public void An_instrument_the_review_does_not_have_is_not_found()
    {
        Given(ReviewWithTeam())
            .When(Score("no-such-tool", new ConfigureAppraisalScoring(null, 70m, NotApplicableTreatment.CountAsZero, null, null)))
            .ThenRefused(RefusalKind.NotFound);
    }

    [Fact]
    public void Only_a_lead_sets_scoring()
    {
        Given(ReviewWithTeam())
            .When(Score(Rob1.Id, new ConfigureAppraisalScoring(null, 70m, NotApplicableTreatment.CountAsZero, null, null), A1))
            .ThenRefused(RefusalKind.Forbidden);
    }

    [Fact]
    public void A_lead_adds_an_instrument_of_the_reviews_own()
    {
        Given(ReviewWithTeam())
            .When(Add(Checklist()))
            .Then(new CustomInstrumentAdded(ReviewId, Checklist(), Lead));
    }

    [Fact]
    public void An_instrument_id_is_never_taken_twice_nor_from_a_built_in_instrument()
    {
        Given(ReviewWithTeam(), new CustomInstrumentAdded(ReviewId, Checklist(), Lead))
            .When(Add(Checklist()))
            .ThenRefused(RefusalKind.Conflict, "instrument-exists");
        Given(ReviewWithTeam())
            .When(Add(Checklist(Amstar2.Id)))
            .ThenRefused(RefusalKind.Conflict, "instrument-exists");
    }

    [Fact]
    public void An_invalid_definition_is_refused_with_every_problem()
    {
        var broken = Checklist("Bad Id") with { Items = [] };
        Given(ReviewWithTeam())
            .When(Add(broken))
            .ThenInvalid("instrument id 'Bad Id' must be lower-case letters and digits separated by single hyphens; the instrument needs at least one item");
    }

    [Fact]
    public void Only_a_lead_adds_instruments()
    {
        Given(ReviewWithTeam())
            .When(Add(Checklist(), A1))
            .ThenRefused(RefusalKind.Forbidden);
    }
}
