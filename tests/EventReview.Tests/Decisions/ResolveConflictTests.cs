using EventReview.Identity;
using EventReview.Reviews;
using EventReview.Rules;
using EventReview.Screening;
using static EventReview.Tests.Decisions.DecisionSpec;
using static EventReview.Tests.Decisions.Histories;

namespace EventReview.Tests.Decisions;

public class ResolveConflictTests
{
    private static Func<FoldedHistory, RuleOutcome> Resolve(Actor by, Decision decision, Stage stage = Stage.TitleAbstract, string? reason = null,
        string? note = "Discussed and agreed") =>
        h => ResolveConflictEndpoint.Decide(h.Review, h.Record(R1), new ResolveConflict(stage, decision, reason, note), by);

    [Fact]
    public void A_resolver_decides_a_conflict_and_says_why()
    {
        Given(ReviewWithTeam(), Imported(R1), InConflict(R1))
            .When(Resolve(Resolver, Include, note: "Population matches on full reading"))
            .Then(new ScreeningDecided(ReviewId, R1, TitleAbstract, Include, null, DecisionBasis.Resolution, "Population matches on full reading",
                Resolver));
    }

    [Fact]
    public void A_lead_resolves_a_full_text_conflict_with_a_reason_of_the_catalogue()
    {
        Given(ReviewWithTeam(), AtFullText(R1), InConflict(R1, FullText))
            .When(Resolve(Lead, Exclude, FullText, "wrong-design"))
            .Then(new ScreeningDecided(ReviewId, R1, FullText, Exclude, "wrong-design", DecisionBasis.Resolution, "Discussed and agreed", Lead));
    }

    [Fact]
    public void Only_a_lead_or_a_resolver_resolves()
    {
        Given(ReviewWithTeam(), Imported(R1), InConflict(R1))
            .When(Resolve(S1, Include))
            .ThenRefused(RefusalKind.Forbidden);
    }

    [Fact]
    public void A_resolution_waits_for_the_required_votes()
    {
        Given(ReviewWithTeam(), Imported(R1), VotedBy(S1, R1, Include))
            .When(Resolve(Resolver, Include))
            .ThenRefused(RefusalKind.Conflict, "votes-incomplete");
    }

    [Fact]
    public void Complete_votes_without_a_conflict_leave_nothing_to_resolve()
    {
        // Two agreeing votes cast while the stage needed three, then the stage lowered to two: complete, undecided, no conflict.
        Given(ReviewWithTeam(), StageSetTo(TitleAbstract, 3, false), Imported(R1), VotedBy(S1, R1, Include), VotedBy(S2, R1, Include),
                StageSetTo(TitleAbstract, 2, false))
            .When(Resolve(Resolver, Include))
            .ThenRefused(RefusalKind.Conflict, "no-conflict");
    }

    [Fact]
    public void A_decided_record_is_not_resolved_again()
    {
        Given(ReviewWithTeam(), Imported(R1), IncludedAtTitleAbstract(R1))
            .When(Resolve(Resolver, Exclude, reason: "wrong-population"))
            .ThenRefused(RefusalKind.Conflict, "stage-decided");
    }

    [Fact]
    public void A_resolution_decides_include_or_exclude_never_maybe()
    {
        Given(ReviewWithTeam(), Imported(R1), InConflict(R1))
            .When(Resolve(Resolver, Maybe))
            .ThenInvalid("include or exclude");
    }

    [Fact]
    public void A_resolution_without_a_note_is_invalid()
    {
        Given(ReviewWithTeam(), Imported(R1), InConflict(R1))
            .When(Resolve(Resolver, Include, note: null))
            .ThenInvalid("'note'");
    }

    [Fact]
    public void A_full_text_exclusion_by_resolution_needs_its_reason()
    {
        Given(ReviewWithTeam(), AtFullText(R1), InConflict(R1, FullText))
            .When(Resolve(Resolver, Exclude, FullText))
            .ThenInvalid("'reasonCode'");
    }

    [Fact]
    public void A_duplicate_is_not_resolved()
    {
        Given(ReviewWithTeam(), Imported(R2), Imported(R1), InConflict(R1), MarkedDuplicate(R1, R2))
            .When(Resolve(Resolver, Include))
            .ThenRefused(RefusalKind.Conflict, "record-is-duplicate");
    }
}
