using EventReview.Identity;
using EventReview.Records;
using EventReview.Reviews;
using EventReview.Rules;
using EventReview.Screening;
using Shouldly;
using static EventReview.Tests.Decisions.DecisionSpec;
using static EventReview.Tests.Decisions.Histories;

namespace EventReview.Tests.Decisions;

public class ReopenStageTests
{
    private const string Why = "Second reading: the population is adults, not children";

    private static Func<FoldedHistory, RuleOutcome> Reopen(Actor by, Stage stage = Stage.TitleAbstract, string reason = Why) =>
        h => ReopenStageEndpoint.Decide(h.Review, h.Record(R1), new ReopenStage(stage, reason), by);

    private static StageReopened Reopened(Stage stage, Stage? becauseOf = null) => new StageReopened(ReviewId, R1, stage, Why, becauseOf, Lead);

    [Fact]
    public void A_lead_sets_a_decision_aside_with_a_reason()
    {
        Given(ReviewWithTeam(), Imported(R1), ExcludedAtTitleAbstract(R1))
            .When(Reopen(Lead))
            .Then(Reopened(TitleAbstract));
    }

    [Fact]
    public void Reopening_title_abstract_reopens_the_full_text_stage_that_rested_on_it_and_says_so()
    {
        Given(ReviewWithTeam(), IncludedAtFullText(R1))
            .When(Reopen(Lead))
            .Then(Reopened(TitleAbstract), Reopened(FullText, becauseOf: TitleAbstract));
    }

    [Fact]
    public void A_reopened_record_needs_a_fresh_round_of_votes_and_keeps_its_first_round_for_agreement()
    {
        var history = FoldedHistoryOf(ReviewWithTeam(), Imported(R1), ExcludedAtTitleAbstract(R1), Reopened(TitleAbstract));
        var stage = history.Record(R1).TitleAbstract;

        history.Record(R1).Status.ShouldBe(RecordStatus.AwaitingTitleAbstract);
        (stage.Outcome, stage.CurrentVotes.Count, stage.Reopened).ShouldBe((null, 0, 1));
        stage.FirstVotes.Select(v => v.ReviewerId).ShouldBe(["s1", "s2"]);
        stage.LatestRoundFirstVotes.ShouldBeEmpty();
    }

    [Fact]
    public void After_a_reopening_the_same_screeners_vote_again_and_agreement_decides_anew()
    {
        Given(ReviewWithTeam(), Imported(R1), ExcludedAtTitleAbstract(R1), Reopened(TitleAbstract), VotedBy(S1, R1, Include))
            .When(h => CastVoteEndpoint.Decide(h.Review, h.Record(R1), new CastVote(TitleAbstract, Include, null, null), S2))
            .Then(VotedBy(S2, R1, Include), DecidedUnanimously(R1, TitleAbstract, Include, null, S2));
    }

    [Fact]
    public void Only_a_lead_reopens()
    {
        Given(ReviewWithTeam(), Imported(R1), ExcludedAtTitleAbstract(R1))
            .When(Reopen(Resolver))
            .ThenRefused(RefusalKind.Forbidden);
    }

    [Fact]
    public void A_stage_not_decided_is_not_reopened()
    {
        Given(ReviewWithTeam(), Imported(R1), InConflict(R1))
            .When(Reopen(Lead))
            .ThenRefused(RefusalKind.Conflict, "stage-not-decided");
    }

    [Fact]
    public void A_full_text_decision_is_reopened_alone()
    {
        Given(ReviewWithTeam(), IncludedAtFullText(R1))
            .When(Reopen(Lead, FullText))
            .Then(Reopened(FullText));
    }

    [Fact]
    public void A_revision_during_an_open_conflict_never_decides_the_record()
    {
        // S1 includes, S2 excludes (a conflict hidden from both), then S1 revises to exclude: the resolver still decides.
        Given(ReviewWithTeam(), Imported(R1), InConflict(R1))
            .When(h => CastVoteEndpoint.Decide(h.Review, h.Record(R1),
                new CastVote(TitleAbstract, Exclude, "wrong-population", "Misread the population"), S1))
            .Then(VotedBy(S1, R1, Exclude, reason: "wrong-population", note: "Misread the population", revision: true));
    }

    [Fact]
    public void A_lead_corrects_a_resolution_with_a_reason()
    {
        Given(ReviewWithTeam(), Imported(R1), InConflict(R1), Resolution(Include))
            .When(h => ResolveConflictEndpoint.Decide(h.Review, h.Record(R1),
                new ResolveConflict(TitleAbstract, Exclude, "wrong-population", "The resolver misread the age range"), Lead))
            .Then(new ScreeningDecided(ReviewId, R1, TitleAbstract, Exclude, "wrong-population", DecisionBasis.Resolution,
                "The resolver misread the age range", Lead, IsCorrection: true));
    }

    [Fact]
    public void Only_a_lead_corrects_a_resolution_and_a_unanimous_decision_is_reopened_instead()
    {
        Given(ReviewWithTeam(), Imported(R1), InConflict(R1), Resolution(Include))
            .When(h => ResolveConflictEndpoint.Decide(h.Review, h.Record(R1), new ResolveConflict(TitleAbstract, Exclude, "wrong-population", "x"), Resolver))
            .ThenRefused(RefusalKind.Forbidden);
        Given(ReviewWithTeam(), Imported(R1), IncludedAtTitleAbstract(R1))
            .When(h => ResolveConflictEndpoint.Decide(h.Review, h.Record(R1), new ResolveConflict(TitleAbstract, Exclude, "wrong-population", "x"), Lead))
            .ThenRefused(RefusalKind.Conflict, "stage-decided");
    }

    [Fact]
    public void A_correction_must_change_something()
    {
        Given(ReviewWithTeam(), Imported(R1), InConflict(R1), Resolution(Include))
            .When(h => ResolveConflictEndpoint.Decide(h.Review, h.Record(R1), new ResolveConflict(TitleAbstract, Include, null, "Same again"), Lead))
            .ThenRefused(RefusalKind.Conflict, "same-decision");
    }

    private static ScreeningDecided Resolution(Decision decision) =>
        new ScreeningDecided(ReviewId, R1, TitleAbstract, decision, null, DecisionBasis.Resolution, "Discussed", Resolver);

    private static FoldedHistory FoldedHistoryOf(params object[] history) =>
        FoldedHistory.Of([.. history.SelectMany(e => e is object[] many ? many : [e])]);
}
