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
        h => UnmarkDuplicateEndpoint.Decide(h.Review, h.Record(R1), h.RecordIfAny(h.Record(R1).DuplicateOf ?? Guid.Empty), new UnmarkDuplicate(note),
            by ?? Lead);

    /// <summary>What marking R1 as a duplicate of R2 by hand appends: the mark on R1, and the note on R2 that it keeps R1.</summary>
    private static readonly object[] R1MarkedDuplicateOfR2 =
    [
        new RecordMarkedDuplicate(ReviewId, R1, R2, DuplicateMethod.Manual, new Dictionary<string, string> { ["marked"] = "manually" }, null,
            "Same trial registration", Lead),
        new DuplicateKeptFor(ReviewId, R2, R1, Lead),
    ];

    [Fact]
    public void A_lead_marks_a_duplicate_by_hand_and_the_kept_record_notes_it()
    {
        Given(ReviewWithTeam(), Imported(R1), Imported(R2))
            .When(MarkAsDuplicateOf(R2))
            .Then(R1MarkedDuplicateOfR2);
    }

    [Fact]
    public void A_record_kept_for_several_duplicates_notes_each()
    {
        Given(ReviewWithTeam(), Imported(R1), Imported(R2), Imported(R3), MarkedDuplicate(R3, R2))
            .When(MarkAsDuplicateOf(R2))
            .Then(R1MarkedDuplicateOfR2);
    }

    [Fact]
    public void The_kept_record_must_not_itself_be_a_duplicate()
    {
        Given(ReviewWithTeam(), Imported(R1), Imported(R2), Imported(R3), MarkedDuplicate(R2, R3))
            .When(MarkAsDuplicateOf(R2))
            .ThenRefused(RefusalKind.Conflict, "kept-record-is-duplicate");
    }

    [Fact]
    public void A_record_that_others_duplicate_is_not_marked_a_duplicate_so_duplicates_never_chain()
    {
        // R3 duplicates R1; marking R1 as a duplicate of R2 would leave R3 a duplicate of a duplicate (R3 -> R1 -> R2).
        Given(ReviewWithTeam(), Imported(R1), Imported(R2), Imported(R3), MarkedDuplicate(R3, R1))
            .When(MarkAsDuplicateOf(R2))
            .ThenRefused(RefusalKind.Conflict, "record-keeps-duplicates");
    }

    [Fact]
    public void Two_records_never_duplicate_each_other()
    {
        Given(ReviewWithTeam(), Imported(R1), Imported(R2), MarkedDuplicate(R2, R1))
            .When(MarkAsDuplicateOf(R2))
            .ThenRefused(RefusalKind.Conflict, "kept-record-is-duplicate");
    }

    [Fact]
    public void Once_its_duplicates_are_unmarked_a_kept_record_can_be_marked()
    {
        Given(ReviewWithTeam(), Imported(R1), Imported(R2), Imported(R3), MarkedDuplicate(R3, R1),
                new DuplicateMarkRemoved(ReviewId, R3, R1, "Different study after all", Lead), new DuplicateNoLongerKeptFor(ReviewId, R1, R3, Lead))
            .When(MarkAsDuplicateOf(R2))
            .Then(R1MarkedDuplicateOfR2);
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
    public void Unmarking_returns_a_duplicate_to_screening_remembers_what_it_duplicated_and_releases_the_kept_record()
    {
        Given(ReviewWithTeam(), Imported(R1), Imported(R2), MarkedDuplicate(R1, R2))
            .When(Unmark("Different study after all"))
            .Then(new DuplicateMarkRemoved(ReviewId, R1, R2, "Different study after all", Lead), new DuplicateNoLongerKeptFor(ReviewId, R2, R1, Lead));
    }

    [Fact]
    public void Unmarking_a_mark_the_kept_record_never_noted_releases_nothing()
    {
        Given(ReviewWithTeam(), Imported(R1), Imported(R2), MarkedDuplicateUnnoted(R1, R2))
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
