using EventReview.Identity;
using EventReview.Records;
using EventReview.Rules;
using static EventReview.Tests.Decisions.DecisionSpec;
using static EventReview.Tests.Decisions.Histories;

namespace EventReview.Tests.Decisions;

public class RemoveRecordTests
{
    private static Func<FoldedHistory, RuleOutcome> Remove(RemovalReason reason, string detail, Actor? by = null) =>
        h => RemoveRecordEndpoint.Decide(h.Review, h.Record(R1), new RemoveRecord(reason, detail), by ?? Lead);

    [Fact]
    public void A_lead_removes_a_record_an_automation_tool_marked_ineligible()
    {
        Given(ReviewWithTeam(), Imported(R1))
            .When(Remove(RemovalReason.Automation, "  RobotSearch: not an RCT "))
            .Then(new RecordRemoved(ReviewId, R1, RemovalReason.Automation, "RobotSearch: not an RCT", Lead));
    }

    [Fact]
    public void Removal_happens_before_screening()
    {
        Given(ReviewWithTeam(), Imported(R1), VotedBy(S1, R1, Exclude, reason: "wrong-population"))
            .When(Remove(RemovalReason.Other, "Retracted"))
            .ThenRefused(RefusalKind.Conflict, "screening-started");
    }

    [Fact]
    public void A_removed_record_is_not_removed_again()
    {
        Given(ReviewWithTeam(), Imported(R1), Removed(R1))
            .When(Remove(RemovalReason.Other, "Retracted"))
            .ThenRefused(RefusalKind.Conflict, "record-removed");
    }

    [Fact]
    public void A_duplicate_is_not_removed()
    {
        Given(ReviewWithTeam(), Imported(R1), Imported(R2), MarkedDuplicate(R1, R2))
            .When(Remove(RemovalReason.Other, "Retracted"))
            .ThenRefused(RefusalKind.Conflict, "record-is-duplicate");
    }

    [Fact]
    public void Only_a_lead_removes_records()
    {
        Given(ReviewWithTeam(), Imported(R1))
            .When(Remove(RemovalReason.Other, "Retracted", S1))
            .ThenRefused(RefusalKind.Forbidden);
    }
}
