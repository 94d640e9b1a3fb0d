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
        h => LinkReportToStudyEndpoint.Decide(h.Review, h.Record(R1), h.RecordIfAny(study), h.RecordIfAny(h.Record(R1).StudyId ?? Guid.Empty),
            new LinkReportToStudy(study, "Conference abstract"), by ?? Lead);

    [Fact]
    public void A_lead_links_a_report_to_its_studys_primary_record_which_notes_it()
    {
        Given(ReviewWithTeam(), Imported(R1), Imported(R2))
            .When(Link(R2))
            .Then(new ReportLinkedToStudy(ReviewId, R1, R2, "Conference abstract", Lead), new StudyReportLinked(ReviewId, R2, R1, Lead));
    }

    [Fact]
    public void A_primary_record_with_reports_does_not_become_a_report_so_reports_never_chain()
    {
        // R3 reports R1's study; linking R1 to R2 would make R3 a report of a report (R3 -> R1 -> R2).
        Given(ReviewWithTeam(), Imported(R1), Imported(R2), Imported(R3), LinkedToStudy(R3, R1))
            .When(Link(R2))
            .ThenRefused(RefusalKind.Conflict, "record-has-reports");
    }

    [Fact]
    public void Two_records_never_report_each_others_study()
    {
        Given(ReviewWithTeam(), Imported(R1), Imported(R2), LinkedToStudy(R2, R1))
            .When(Link(R2))
            .ThenRefused(RefusalKind.Conflict, "study-is-a-report");
    }

    [Fact]
    public void A_report_moved_to_another_study_leaves_the_first_one()
    {
        Given(ReviewWithTeam(), Imported(R1), Imported(R2), Imported(R3), LinkedToStudy(R1, R2))
            .When(Link(R3))
            .Then(new ReportLinkedToStudy(ReviewId, R1, R3, "Conference abstract", Lead), new StudyReportUnlinked(ReviewId, R2, R1, Lead),
                new StudyReportLinked(ReviewId, R3, R1, Lead));
    }

    [Fact]
    public void Once_its_reports_are_moved_a_primary_record_can_become_a_report()
    {
        Given(ReviewWithTeam(), Imported(R1), Imported(R2), Imported(R3), LinkedToStudy(R3, R1),
                new ReportLinkedToStudy(ReviewId, R3, R3, null, Lead), new StudyReportUnlinked(ReviewId, R1, R3, Lead))
            .When(Link(R2))
            .Then(new ReportLinkedToStudy(ReviewId, R1, R2, "Conference abstract", Lead), new StudyReportLinked(ReviewId, R2, R1, Lead));
    }

    [Fact]
    public void Linking_again_to_the_same_study_notes_nothing_twice()
    {
        Given(ReviewWithTeam(), Imported(R1), Imported(R2), LinkedToStudy(R1, R2))
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
    public void A_report_linked_to_itself_is_a_studys_primary_record_again_and_leaves_its_study()
    {
        Given(ReviewWithTeam(), Imported(R1), Imported(R2), LinkedToStudy(R1, R2))
            .When(Link(R1))
            .Then(new ReportLinkedToStudy(ReviewId, R1, R1, "Conference abstract", Lead), new StudyReportUnlinked(ReviewId, R2, R1, Lead));
    }

    [Fact]
    public void A_primary_record_with_reports_linked_to_itself_stays_their_study()
    {
        Given(ReviewWithTeam(), Imported(R1), Imported(R2), LinkedToStudy(R2, R1))
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
