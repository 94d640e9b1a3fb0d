using EventReview.Appraisal;
using EventReview.Identity;
using EventReview.Reviews;
using EventReview.Rules;
using EventReview.Screening;
using static EventReview.Tests.Decisions.DecisionSpec;
using static EventReview.Tests.Decisions.Histories;

namespace EventReview.Tests.Decisions;

/// <summary>
/// Appraisal with SANRA (six items rated 0 to 2, so 12 points at most) under the seed review's rule, accepted from 70%:
/// six items rated 1 score 6/12, 50%, and are rejected; six rated 2 score 12/12 and are accepted.
/// </summary>
public class RateAppraisalTests
{
    private static readonly string[] Low = ["1", "1", "1", "1", "1", "1"];
    private static readonly string[] High = ["2", "2", "2", "2", "2", "2"];

    private const string SanraLowNote =
        "SANRA: Scale for the Assessment of Narrative Review Articles (sanra2 2019): 6/12 (50%) is below the 70% threshold";

    /// <summary>SANRA ratings of items 1 to 6 in order; a null leaves the item unrated.</summary>
    private static Dictionary<string, string> Sanra(params string?[] ratings) =>
        ratings.Select((r, i) => (Item: (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Rating: r))
            .Where(x => x.Rating is not null).ToDictionary(x => x.Item, x => x.Rating!, StringComparer.Ordinal);

    private static Func<FoldedHistory, RuleOutcome> Rate(Actor by, IReadOnlyDictionary<string, string> ratings, string instrument = Sanra2.Id,
        string? note = null, bool consensus = false, IReadOnlyDictionary<string, string>? justifications = null) =>
        h => RateAppraisalEndpoint.Decide(h.Review, h.Record(R1), h.Appraisal(R1), new RateAppraisal(instrument, ratings, note, justifications, consensus), by);

    /// <summary>The SANRA ratings of R1 as events, item by item in the instrument's order.</summary>
    private static object[] SanraRated(Actor by, Dictionary<string, string> ratings, string? note = null, bool revision = false,
        bool consensus = false) =>
    [
        .. Sanra2.Instrument.Items.Where(i => ratings.ContainsKey(i.Id))
            .Select(i => new AppraisalItemRated(ReviewId, R1, Sanra2.Id, "2019", i.Id, ratings[i.Id], null, note, revision, consensus, by)),
    ];

    private static ExclusionReasonAdded QualityReasonAdded(Actor by) =>
        new ExclusionReasonAdded(ReviewId, FullText, "quality-below-threshold", "Quality below threshold", by);

    private static ScreeningDecided ExcludedOnQuality(Actor by, string note = SanraLowNote) =>
        new ScreeningDecided(ReviewId, R1, FullText, Exclude, "quality-below-threshold", DecisionBasis.Appraisal, note, by);

    private static AppraisalSettingsConfigured AppraisersPerRecord(int n) => new AppraisalSettingsConfigured(ReviewId, n, Lead);

    /// <summary>The seed paper's rule for SANRA with exclusion turned on, as the lead must state it to exclude.</summary>
    private static AppraisalScoringConfigured ExclusionOn() =>
        new(ReviewId, Sanra2.Id, ScoringRule.Seed(Sanra2.Instrument.Ratings) with { ExcludeOnQuality = true }, Lead);

    private const string Settled = "Settled at the consensus meeting of 3 March";

    [Fact]
    public void Ratings_are_recorded_item_by_item_in_the_instruments_order()
    {
        Given(ReviewWithTeam(), AtFullText(R1))
            .When(Rate(A1, new Dictionary<string, string> { ["3"] = "2", ["1"] = "0" }))
            .Then(SanraRated(A1, Sanra("0", null, "2")));
    }

    [Fact]
    public void A_final_appraisal_below_the_threshold_excludes_the_record_on_quality()
    {
        Given(ReviewWithTeam(), ExclusionOn(), IncludedAtFullText(R1))
            .When(Rate(A1, Sanra(Low)))
            .Then([.. SanraRated(A1, Sanra(Low)), QualityReasonAdded(A1), ExcludedOnQuality(A1)]);
    }

    [Fact]
    public void Without_the_lead_turning_exclusion_on_a_final_rejected_appraisal_excludes_nothing()
    {
        Given(ReviewWithTeam(), IncludedAtFullText(R1))
            .When(Rate(A1, Sanra(Low)))
            .Then(SanraRated(A1, Sanra(Low)));
    }

    [Fact]
    public void After_the_exclusion_is_reopened_a_revised_appraisal_decides_again()
    {
        var reopened = new StageReopened(ReviewId, R1, FullText, "Excluded under a threshold the protocol never set", null, Lead);
        Given(ReviewWithTeam(), ExclusionOn(), IncludedAtFullText(R1), SanraRated(A1, Sanra(Low)), QualityReasonAdded(A1), ExcludedOnQuality(A1), reopened)
            .When(Rate(A1, Sanra("1", "1", "1", "1", "1", "0"), note: "Item 6 re-read: no data presented"))
            .Then(new AppraisalItemRated(ReviewId, R1, Sanra2.Id, "2019", "6", "0", null, "Item 6 re-read: no data presented", true, false, A1),
                ExcludedOnQuality(A1, "SANRA: Scale for the Assessment of Narrative Review Articles (sanra2 2019): 5/12 (41.7%) is below the 70% threshold"));
    }

    [Fact]
    public void The_quality_reason_joins_the_catalogue_only_if_it_is_not_there()
    {
        Given(ReviewWithTeam(), ExclusionOn(), ReasonAdded(FullText, "quality-below-threshold", "Quality below threshold"), AtFullText(R1))
            .When(Rate(A1, Sanra(Low)))
            .Then([.. SanraRated(A1, Sanra(Low)), ExcludedOnQuality(A1)]);
    }

    [Fact]
    public void An_accepted_appraisal_excludes_nothing()
    {
        Given(ReviewWithTeam(), AtFullText(R1))
            .When(Rate(A1, Sanra(High)))
            .Then(SanraRated(A1, Sanra(High)));
    }

    [Fact]
    public void An_appraisal_with_items_unrated_is_not_final_and_excludes_nothing()
    {
        var fiveLow = Sanra("1", "1", "1", "1", "1", null);
        Given(ReviewWithTeam(), AtFullText(R1))
            .When(Rate(A1, fiveLow))
            .Then(SanraRated(A1, fiveLow));
    }

    [Fact]
    public void Under_the_reviews_own_threshold_a_score_on_it_is_accepted()
    {
        var fiftyPercent = new ScoringRule(new Dictionary<string, int> { ["0"] = 0, ["1"] = 1, ["2"] = 2 }, 50m, NotApplicableTreatment.ExcludeFromDenominator);
        Given(ReviewWithTeam(), new AppraisalScoringConfigured(ReviewId, Sanra2.Id, fiftyPercent, Lead), AtFullText(R1))
            .When(Rate(A1, Sanra(Low)))
            .Then(SanraRated(A1, Sanra(Low)));
    }

    [Fact]
    public void With_two_appraisers_required_one_low_appraisal_excludes_nothing_yet()
    {
        Given(ReviewWithTeam(), AppraisersPerRecord(2), AtFullText(R1))
            .When(Rate(A1, Sanra(Low)))
            .Then(SanraRated(A1, Sanra(Low)));
    }

    [Fact]
    public void With_two_appraisers_required_the_second_agreeing_low_appraisal_excludes_the_record()
    {
        Given(ReviewWithTeam(), ExclusionOn(), AppraisersPerRecord(2), AtFullText(R1), SanraRated(A1, Sanra(Low)))
            .When(Rate(A2, Sanra(Low)))
            .Then([.. SanraRated(A2, Sanra(Low)), QualityReasonAdded(A2), ExcludedOnQuality(A2)]);
    }

    [Fact]
    public void Appraisers_who_disagree_exclude_nothing_until_a_consensus_does()
    {
        Given(ReviewWithTeam(), AppraisersPerRecord(2), AtFullText(R1), SanraRated(A1, Sanra(Low)))
            .When(Rate(A2, Sanra(High)))
            .Then(SanraRated(A2, Sanra(High)));
        Given(ReviewWithTeam(), ExclusionOn(), AppraisersPerRecord(2), AtFullText(R1), SanraRated(A1, Sanra(Low)), SanraRated(A2, Sanra(High)))
            .When(Rate(Resolver, Sanra(Low), note: Settled, consensus: true))
            .Then([.. SanraRated(Resolver, Sanra(Low), Settled, consensus: true), QualityReasonAdded(Resolver), ExcludedOnQuality(Resolver)]);
    }

    [Fact]
    public void Consensus_needs_a_note()
    {
        Given(ReviewWithTeam(), AppraisersPerRecord(2), AtFullText(R1), SanraRated(A1, Sanra(Low)), SanraRated(A2, Sanra(High)))
            .When(Rate(Resolver, Sanra(Low), consensus: true))
            .ThenRefused(RefusalKind.Conflict, "consensus-needs-note");
    }

    [Fact]
    public void Consensus_settles_only_items_the_appraisers_rated_differently()
    {
        // Both rated item 1 "1"; only item 2 differs.
        Given(ReviewWithTeam(), AppraisersPerRecord(2), AtFullText(R1), SanraRated(A1, Sanra("1", "1")), SanraRated(A2, Sanra("1", "2")))
            .When(Rate(Lead, Sanra("0", "2"), note: Settled, consensus: true))
            .ThenRefused(RefusalKind.Conflict, "consensus-on-undisputed-item");
        Given(ReviewWithTeam(), AppraisersPerRecord(2), AtFullText(R1), SanraRated(A1, Sanra("1", "1")), SanraRated(A2, Sanra("1", "2")))
            .When(Rate(Lead, Sanra(null, "2"), note: Settled, consensus: true))
            .Then(SanraRated(Lead, Sanra(null, "2"), Settled, consensus: true));
    }

    [Fact]
    public void Sending_the_same_ratings_again_records_nothing()
    {
        Given(ReviewWithTeam(), AtFullText(R1), SanraRated(A1, Sanra(High)))
            .When(Rate(A1, Sanra(High)))
            .Then();
    }

    [Fact]
    public void A_changed_rating_needs_a_note_saying_why()
    {
        Given(ReviewWithTeam(), AtFullText(R1), SanraRated(A1, Sanra("2")))
            .When(Rate(A1, Sanra("1", "2")))
            .ThenInvalid("'note'");
    }

    [Fact]
    public void A_changed_rating_with_a_note_is_a_revision_and_an_unchanged_one_is_not_sent_again()
    {
        Given(ReviewWithTeam(), AtFullText(R1), SanraRated(A1, Sanra("2", "2")))
            .When(Rate(A1, Sanra("1", "2", "2"), note: "Misread item 1"))
            .Then(
                new AppraisalItemRated(ReviewId, R1, Sanra2.Id, "2019", "1", "1", null, "Misread item 1", IsRevision: true, Consensus: false, A1),
                new AppraisalItemRated(ReviewId, R1, Sanra2.Id, "2019", "3", "2", null, "Misread item 1", IsRevision: false, Consensus: false, A1));
    }

    [Fact]
    public void Only_appraisers_rate()
    {
        Given(ReviewWithTeam(), AtFullText(R1))
            .When(Rate(Lead, Sanra(High)))
            .ThenRefused(RefusalKind.Forbidden);
        Given(ReviewWithTeam(), AtFullText(R1))
            .When(Rate(S1, Sanra(High)))
            .ThenRefused(RefusalKind.Forbidden);
    }

    [Fact]
    public void Consensus_ratings_are_a_leads_or_a_resolvers()
    {
        Given(ReviewWithTeam(), AtFullText(R1))
            .When(Rate(A1, Sanra(High), consensus: true))
            .ThenRefused(RefusalKind.Forbidden);
        Given(ReviewWithTeam(), AtFullText(R1), SanraRated(A1, Sanra(Low)), SanraRated(A2, Sanra(High)))
            .When(Rate(Lead, Sanra(High), note: Settled, consensus: true))
            .Then(SanraRated(Lead, Sanra(High), Settled, consensus: true));
    }

    [Fact]
    public void Appraisal_needs_the_retrieved_full_text()
    {
        Given(ReviewWithTeam(), Imported(R1))
            .When(Rate(A1, Sanra(High)))
            .ThenRefused(RefusalKind.Conflict, "full-text-not-retrieved");
        Given(ReviewWithTeam(), Imported(R1), IncludedAtTitleAbstract(R1), NotRetrieved(R1))
            .When(Rate(A1, Sanra(High)))
            .ThenRefused(RefusalKind.Conflict, "full-text-not-retrieved");
    }

    [Fact]
    public void A_record_excluded_at_full_text_is_not_appraised()
    {
        Given(ReviewWithTeam(), AtFullText(R1), VotedBy(S1, R1, Exclude, FullText, "wrong-design"), VotedBy(S2, R1, Exclude, FullText, "wrong-design"),
                DecidedUnanimously(R1, FullText, Exclude, "wrong-design", S2))
            .When(Rate(A1, Sanra(High)))
            .ThenRefused(RefusalKind.Conflict, "record-excluded");
    }

    [Fact]
    public void Duplicates_and_removed_records_are_not_appraised()
    {
        Given(ReviewWithTeam(), Imported(R2), Imported(R1), MarkedDuplicate(R1, R2))
            .When(Rate(A1, Sanra(High)))
            .ThenRefused(RefusalKind.Conflict, "record-is-duplicate");
        Given(ReviewWithTeam(), Imported(R1), Removed(R1))
            .When(Rate(A1, Sanra(High)))
            .ThenRefused(RefusalKind.Conflict, "record-removed");
    }

    [Fact]
    public void An_instrument_the_review_does_not_have_is_invalid()
    {
        Given(ReviewWithTeam(), AtFullText(R1))
            .When(Rate(A1, Sanra(High), instrument: "amstar3"))
            .ThenInvalid("'amstar3'");
    }

    [Fact]
    public void An_unknown_item_or_a_rating_the_item_does_not_allow_is_invalid()
    {
        Given(ReviewWithTeam(), AtFullText(R1))
            .When(Rate(A1, new Dictionary<string, string> { ["1"] = "2", ["7"] = "2" }))
            .ThenInvalid("unknown item '7'");
        // AMSTAR 2 allows "no meta-analysis conducted" on items 11, 12 and 15 only.
        Given(ReviewWithTeam(), AtFullText(R1))
            .When(Rate(A1, new Dictionary<string, string> { ["2"] = Amstar2.NoMetaAnalysis }, Amstar2.Id))
            .ThenInvalid("item '2'");
    }

    [Fact]
    public void A_justification_names_only_items_rated_in_the_same_request()
    {
        Given(ReviewWithTeam(), AtFullText(R1))
            .When(Rate(A1, Sanra("2"), justifications: new Dictionary<string, string> { ["2"] = "Clear aims" }))
            .ThenInvalid("'justifications'");
    }

    [Fact]
    public void An_appraiser_rates_with_an_instrument_the_lead_added()
    {
        var checklist = new AppraisalInstrument("stem-cell-checklist", "1.0", "Stem cell trial checklist",
            [new InstrumentItem("dose", "Is the cell dose reported?")],
            [new RatingOption("no", "No"), new RatingOption("yes", "Yes")],
            new ScoringRule(new Dictionary<string, int> { ["no"] = 0, ["yes"] = 1 }, 100m, NotApplicableTreatment.ExcludeFromDenominator,
                ExcludeOnQuality: true));
        Given(ReviewWithTeam(), new CustomInstrumentAdded(ReviewId, checklist, Lead), AtFullText(R1))
            .When(Rate(A1, new Dictionary<string, string> { ["dose"] = "no" }, checklist.Id))
            .Then(new AppraisalItemRated(ReviewId, R1, "stem-cell-checklist", "1.0", "dose", "no", null, null, false, false, A1),
                QualityReasonAdded(A1),
                ExcludedOnQuality(A1, "Stem cell trial checklist (stem-cell-checklist 1.0): 0/1 (0%) is below the 100% threshold"));
    }
}
