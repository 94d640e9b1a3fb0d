using EventReview.Identity;
using EventReview.Rules;
using EventReview.Screening;
using static EventReview.Tests.Decisions.DecisionSpec;
using static EventReview.Tests.Decisions.Histories;

namespace EventReview.Tests.Decisions;

public class LinkReportToStudyTests
{
    /// <summary>Links R1 as a report of the study whose primary record is <paramref name="study"/>.</summary>
    private static Func<FoldedHistory, RuleOutcome> Link(Guid study, Actor? by = null) =>
        h => LinkReportToStudyEndpoint.Decide(h.Review, h.Record(R1), h.RecordIfAny(study), new LinkReportToStudy(study, "Conference abstract"),
            by ?? Lead);

    [Fact]
    public void A_lead_links_a_report_to_its_studys_primary_record()
    {
        Given(ReviewWithTeam(), Imported(R1), Imported(R2))
            .When(Link(R2))
            .Then(new ReportLinkedToStudy(ReviewId, R1, R2, "Conference abstract", Lead));
    }

    [Fact]
    public void A_report_links_to_the_primary_record_never_to_another_report()
    {
        Given(ReviewWithTeam(), Imported(R1), Imported(R2), Imported(R3), LinkedToStudy(R2, R3))
            .When(Link(R2))
            .ThenRefused(RefusalKind.Conflict, "study-is-a-report");
    }

    [Fact]
    public void A_report_linked_to_itself_is_a_studys_primary_record_again()
    {
        Given(ReviewWithTeam(), Imported(R1), Imported(R2), LinkedToStudy(R1, R2))
            .When(Link(R1))
            .Then(new ReportLinkedToStudy(ReviewId, R1, R1, "Conference abstract", Lead));
    }

    [Fact]
    public void The_study_must_be_a_record_of_this_review()
    {
        Given(ReviewWithTeam(), Imported(R1))
            .When(Link(R2))
            .ThenRefused(RefusalKind.NotFound);
        Given(ReviewWithTeam(), Imported(R1), ImportedIntoAnotherReview(R2))
            .When(Link(R2))
            .ThenRefused(RefusalKind.NotFound);
    }

    [Fact]
    public void Only_a_lead_links_reports()
    {
        Given(ReviewWithTeam(), Imported(R1), Imported(R2))
            .When(Link(R2, S1))
            .ThenRefused(RefusalKind.Forbidden);
    }

    [Fact]
    public void A_duplicate_is_no_report_of_a_study()
    {
        Given(ReviewWithTeam(), Imported(R1), Imported(R2), Imported(R3), MarkedDuplicate(R1, R3))
            .When(Link(R2))
            .ThenRefused(RefusalKind.Conflict, "record-is-duplicate");
    }
}
