using EventReview.Deduplication;
using EventReview.Identity;
using EventReview.Records;
using EventReview.Rules;
using static EventReview.Tests.Decisions.DecisionSpec;
using static EventReview.Tests.Decisions.Histories;

namespace EventReview.Tests.Decisions;

public class DuplicateMarkTests
{
    /// <summary>Marks R1 as a duplicate of <paramref name="kept"/>.</summary>
    private static Func<FoldedHistory, RuleOutcome> MarkAsDuplicateOf(Guid kept, Actor? by = null) =>
        h => MarkDuplicateEndpoint.Decide(h.Review, h.Record(R1), h.RecordIfAny(kept), new MarkDuplicate(kept, "Same trial registration"), by ?? Lead);

    private static Func<FoldedHistory, RuleOutcome> Unmark(string? note, Actor? by = null) =>
        h => UnmarkDuplicateEndpoint.Decide(h.Review, h.Record(R1), new UnmarkDuplicate(note), by ?? Lead);

    [Fact]
    public void A_lead_marks_a_duplicate_by_hand()
    {
        Given(ReviewWithTeam(), Imported(R1), Imported(R2))
            .When(MarkAsDuplicateOf(R2))
            .Then(new RecordMarkedDuplicate(ReviewId, R1, R2, DuplicateMethod.Manual, new Dictionary<string, string> { ["marked"] = "manually" }, null,
                "Same trial registration", Lead));
    }

    [Fact]
    public void The_kept_record_must_not_itself_be_a_duplicate()
    {
        Given(ReviewWithTeam(), Imported(R1), Imported(R2), Imported(R3), MarkedDuplicate(R2, R3))
            .When(MarkAsDuplicateOf(R2))
            .ThenRefused(RefusalKind.Conflict, "kept-record-is-duplicate");
    }

    [Fact]
    public void A_record_already_marked_is_not_marked_again()
    {
        Given(ReviewWithTeam(), Imported(R1), Imported(R2), Imported(R3), MarkedDuplicate(R1, R3))
            .When(MarkAsDuplicateOf(R2))
            .ThenRefused(RefusalKind.Conflict, "already-duplicate");
    }

    [Fact]
    public void Duplicates_are_marked_before_screening_starts()
    {
        Given(ReviewWithTeam(), Imported(R1), Imported(R2), VotedBy(S1, R1, Include))
            .When(MarkAsDuplicateOf(R2))
            .ThenRefused(RefusalKind.Conflict, "screening-started");
    }

    [Fact]
    public void A_record_does_not_duplicate_itself()
    {
        Given(ReviewWithTeam(), Imported(R1))
            .When(MarkAsDuplicateOf(R1))
            .ThenRefused(RefusalKind.Invalid);
    }

    [Fact]
    public void The_kept_record_must_be_in_this_review()
    {
        Given(ReviewWithTeam(), Imported(R1))
            .When(MarkAsDuplicateOf(R2))
            .ThenRefused(RefusalKind.NotFound);
        Given(ReviewWithTeam(), Imported(R1), ImportedIntoAnotherReview(R2))
            .When(MarkAsDuplicateOf(R2))
            .ThenRefused(RefusalKind.NotFound);
    }

    [Fact]
    public void Only_a_lead_marks_duplicates()
    {
        Given(ReviewWithTeam(), Imported(R1), Imported(R2))
            .When(MarkAsDuplicateOf(R2, S1))
            .ThenRefused(RefusalKind.Forbidden);
    }

    [Fact]
    public void Unmarking_returns_a_duplicate_to_screening_and_remembers_what_it_duplicated()
    {
        Given(ReviewWithTeam(), Imported(R1), Imported(R2), MarkedDuplicate(R1, R2))
            .When(Unmark("Different study after all"))
            .Then(new DuplicateMarkRemoved(ReviewId, R1, R2, "Different study after all", Lead));
    }

    [Fact]
    public void Unmarking_needs_a_note()
    {
        Given(ReviewWithTeam(), Imported(R1), Imported(R2), MarkedDuplicate(R1, R2))
            .When(Unmark(" "))
            .ThenInvalid("'note'");
    }

    [Fact]
    public void Only_a_duplicate_is_unmarked()
    {
        Given(ReviewWithTeam(), Imported(R1))
            .When(Unmark("Different study after all"))
            .ThenRefused(RefusalKind.Conflict, "not-a-duplicate");
        Given(ReviewWithTeam(), Imported(R1), Imported(R2), MarkedDuplicate(R1, R2), new DuplicateMarkRemoved(ReviewId, R1, R2, "Not the same", Lead))
            .When(Unmark("Different study after all"))
            .ThenRefused(RefusalKind.Conflict, "not-a-duplicate");
    }

    [Fact]
    public void Only_a_lead_unmarks_duplicates()
    {
        Given(ReviewWithTeam(), Imported(R1), Imported(R2), MarkedDuplicate(R1, R2))
            .When(Unmark("Different study after all", S1))
            .ThenRefused(RefusalKind.Forbidden);
    }
}
