using EventReview.Identity;
using EventReview.Reviews;
using EventReview.Rules;
using EventReview.Screening;
using static EventReview.Tests.Decisions.DecisionSpec;
using static EventReview.Tests.Decisions.Histories;

namespace EventReview.Tests.Decisions;

public class CastVoteTests
{
    private static Func<FoldedHistory, RuleOutcome> Vote(Actor by, Decision decision, Stage stage = Stage.TitleAbstract, string? reason = null,
        string? note = null) =>
        h => CastVoteEndpoint.Decide(h.Review, h.Record(R1), new CastVote(stage, decision, reason, note), by);

    [Fact]
    public void A_first_vote_is_recorded_and_decides_nothing()
    {
        Given(ReviewWithTeam(), Imported(R1))
            .When(Vote(S1, Include))
            .Then(VotedBy(S1, R1, Include));
    }

    [Fact]
    public void Two_agreeing_votes_decide_the_record_unanimously()
    {
        Given(ReviewWithTeam(), Imported(R1), VotedBy(S1, R1, Include))
            .When(Vote(S2, Include))
            .Then(VotedBy(S2, R1, Include), DecidedUnanimously(R1, TitleAbstract, Include, null, S2));
    }

    [Fact]
    public void Disagreeing_votes_raise_a_conflict()
    {
        Given(ReviewWithTeam(), Imported(R1), VotedBy(S1, R1, Include))
            .When(Vote(S2, Exclude, reason: "wrong-population"))
            .Then(VotedBy(S2, R1, Exclude, reason: "wrong-population"), ConflictRaised(R1, TitleAbstract, S2));
    }

    [Fact]
    public void Two_maybes_agree_on_nothing_and_raise_a_conflict()
    {
        Given(ReviewWithTeam(), Imported(R1), VotedBy(S1, R1, Maybe))
            .When(Vote(S2, Maybe))
            .Then(VotedBy(S2, R1, Maybe), ConflictRaised(R1, TitleAbstract, S2));
    }

    [Fact]
    public void At_title_abstract_exclusions_for_different_reasons_still_exclude_without_a_reason()
    {
        Given(ReviewWithTeam(), ReasonAdded(TitleAbstract, "wrong-design", "Wrong study design"), Imported(R1),
                VotedBy(S1, R1, Exclude, reason: "wrong-population"))
            .When(Vote(S2, Exclude, reason: "wrong-design"))
            .Then(VotedBy(S2, R1, Exclude, reason: "wrong-design"), DecidedUnanimously(R1, TitleAbstract, Exclude, null, S2));
    }

    [Fact]
    public void Exclusions_for_the_same_reason_exclude_for_that_reason()
    {
        Given(ReviewWithTeam(), Imported(R1), VotedBy(S1, R1, Exclude, reason: "wrong-population"))
            .When(Vote(S2, Exclude, reason: "wrong-population"))
            .Then(VotedBy(S2, R1, Exclude, reason: "wrong-population"), DecidedUnanimously(R1, TitleAbstract, Exclude, "wrong-population", S2));
    }

    [Fact]
    public void At_full_text_exclusions_for_different_reasons_are_a_conflict()
    {
        Given(ReviewWithTeam(), AtFullText(R1), VotedBy(S1, R1, Exclude, FullText, "wrong-design"))
            .When(Vote(S2, Exclude, FullText, "no-outcome"))
            .Then(VotedBy(S2, R1, Exclude, FullText, "no-outcome"), ConflictRaised(R1, FullText, S2));
    }

    [Fact]
    public void Agreeing_full_text_votes_include_the_record()
    {
        Given(ReviewWithTeam(), AtFullText(R1), VotedBy(S1, R1, Include, FullText))
            .When(Vote(S2, Include, FullText))
            .Then(VotedBy(S2, R1, Include, FullText), DecidedUnanimously(R1, FullText, Include, null, S2));
    }

    [Fact]
    public void With_one_reviewer_per_record_the_first_vote_decides()
    {
        Given(ReviewWithTeam(), StageSetTo(TitleAbstract, 1, false), Imported(R1))
            .When(Vote(S1, Include))
            .Then(VotedBy(S1, R1, Include), DecidedUnanimously(R1, TitleAbstract, Include, null, S1));
    }

    [Fact]
    public void With_three_reviewers_per_record_two_agreeing_votes_decide_nothing_yet()
    {
        Given(ReviewWithTeam(), StageSetTo(TitleAbstract, 3, false), Imported(R1), VotedBy(S1, R1, Include))
            .When(Vote(S2, Include))
            .Then(VotedBy(S2, R1, Include));
    }

    [Fact]
    public void A_third_vote_is_refused_once_the_two_required_votes_are_in()
    {
        Given(ReviewWithTeam(), Imported(R1), InConflict(R1))
            .When(Vote(S3, Include))
            .ThenRefused(RefusalKind.Conflict, "votes-complete");
    }

    [Fact]
    public void A_revised_vote_without_a_note_is_invalid()
    {
        Given(ReviewWithTeam(), Imported(R1), VotedBy(S1, R1, Exclude, reason: "wrong-population"))
            .When(Vote(S1, Include, note: " "))
            .ThenInvalid("'note'");
    }

    [Fact]
    public void A_revised_vote_with_a_note_replaces_the_screeners_vote()
    {
        Given(ReviewWithTeam(), Imported(R1), VotedBy(S1, R1, Exclude, reason: "wrong-population"))
            .When(Vote(S1, Include, note: "Misread the population"))
            .Then(VotedBy(S1, R1, Include, note: "Misread the population", revision: true));
    }

    [Fact]
    public void A_revision_that_ends_a_conflict_still_leaves_the_decision_to_the_resolver()
    {
        Given(ReviewWithTeam(), Imported(R1), InConflict(R1))
            .When(Vote(S2, Include, note: "Adults after all"))
            .Then(VotedBy(S2, R1, Include, note: "Adults after all", revision: true));
    }

    [Fact]
    public void A_revision_that_keeps_the_disagreement_raises_no_second_conflict()
    {
        Given(ReviewWithTeam(), Imported(R1), InConflict(R1))
            .When(Vote(S2, Maybe, note: "Unsure now"))
            .Then(VotedBy(S2, R1, Maybe, note: "Unsure now", revision: true));
    }

    [Fact]
    public void No_vote_once_the_stage_is_decided()
    {
        Given(ReviewWithTeam(), Imported(R1), IncludedAtTitleAbstract(R1))
            .When(Vote(S1, Exclude, reason: "wrong-population", note: "Changed my mind"))
            .ThenRefused(RefusalKind.Conflict, "stage-decided");
    }

    [Fact]
    public void Only_screeners_vote()
    {
        Given(ReviewWithTeam(), Imported(R1))
            .When(Vote(Lead, Include))
            .ThenRefused(RefusalKind.Forbidden);
        Given(ReviewWithTeam(), Imported(R1))
            .When(Vote(Auditor, Include))
            .ThenRefused(RefusalKind.Forbidden);
    }

    [Fact]
    public void A_duplicate_takes_no_vote()
    {
        Given(ReviewWithTeam(), Imported(R2), Imported(R1), MarkedDuplicate(R1, R2))
            .When(Vote(S1, Include))
            .ThenRefused(RefusalKind.Conflict, "record-is-duplicate");
    }

    [Fact]
    public void A_removed_record_takes_no_vote()
    {
        Given(ReviewWithTeam(), Imported(R1), Removed(R1))
            .When(Vote(S1, Include))
            .ThenRefused(RefusalKind.Conflict, "record-removed");
    }

    [Fact]
    public void Full_text_votes_wait_for_inclusion_at_title_abstract()
    {
        Given(ReviewWithTeam(), Imported(R1))
            .When(Vote(S1, Include, FullText))
            .ThenRefused(RefusalKind.Conflict, "stage-not-reached");
        Given(ReviewWithTeam(), Imported(R1), ExcludedAtTitleAbstract(R1))
            .When(Vote(S1, Include, FullText))
            .ThenRefused(RefusalKind.Conflict, "stage-not-reached");
    }

    [Fact]
    public void Full_text_votes_wait_for_the_report_to_be_retrieved()
    {
        Given(ReviewWithTeam(), Imported(R1), IncludedAtTitleAbstract(R1))
            .When(Vote(S1, Include, FullText))
            .ThenRefused(RefusalKind.Conflict, "full-text-not-retrieved");
        Given(ReviewWithTeam(), Imported(R1), IncludedAtTitleAbstract(R1), NotRetrieved(R1))
            .When(Vote(S1, Include, FullText))
            .ThenRefused(RefusalKind.Conflict, "full-text-not-retrieved");
    }

    [Fact]
    public void A_full_text_exclusion_without_a_reason_is_invalid()
    {
        Given(ReviewWithTeam(), AtFullText(R1))
            .When(Vote(S1, Exclude, FullText))
            .ThenInvalid("'reasonCode'");
    }

    [Fact]
    public void A_full_text_exclusion_needs_a_reason_of_the_full_text_catalogue()
    {
        Given(ReviewWithTeam(), AtFullText(R1))
            .When(Vote(S1, Exclude, FullText, "not-a-reason"))
            .ThenInvalid("'not-a-reason'");
        Given(ReviewWithTeam(), AtFullText(R1))
            .When(Vote(S1, Exclude, FullText, "wrong-population"))
            .ThenInvalid("'wrong-population'");
    }

    [Fact]
    public void A_title_abstract_exclusion_needs_no_reason_unless_the_stage_asks_for_one()
    {
        Given(ReviewWithTeam(), Imported(R1))
            .When(Vote(S1, Exclude))
            .Then(VotedBy(S1, R1, Exclude));
        Given(ReviewWithTeam(), StageSetTo(TitleAbstract, 2, true), Imported(R1))
            .When(Vote(S1, Exclude))
            .ThenInvalid("'reasonCode'");
    }

    [Fact]
    public void Only_an_exclusion_carries_a_reason()
    {
        Given(ReviewWithTeam(), Imported(R1))
            .When(Vote(S1, Include, reason: "wrong-population"))
            .ThenInvalid("'reasonCode'");
    }
}
