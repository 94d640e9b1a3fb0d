using EventReview.Identity;
using EventReview.Rules;
using EventReview.Screening;
using static EventReview.Tests.Decisions.DecisionSpec;
using static EventReview.Tests.Decisions.Histories;

namespace EventReview.Tests.Decisions;

public class ReportRetrievalTests
{
    private static Func<FoldedHistory, RuleOutcome> Report(bool retrieved, string? note = null, Actor? by = null) =>
        h => ReportRetrievalEndpoint.Decide(h.Review, h.Record(R1), new ReportRetrieval(retrieved, note), by ?? Lead);

    [Fact]
    public void A_record_included_at_title_abstract_is_retrieved()
    {
        Given(ReviewWithTeam(), Imported(R1), IncludedAtTitleAbstract(R1))
            .When(Report(true, by: S1))
            .Then(new FullTextRetrievalRecorded(ReviewId, R1, true, null, S1));
    }

    [Fact]
    public void A_report_not_retrieved_says_why()
    {
        Given(ReviewWithTeam(), Imported(R1), IncludedAtTitleAbstract(R1))
            .When(Report(false))
            .ThenInvalid("'note'");
        Given(ReviewWithTeam(), Imported(R1), IncludedAtTitleAbstract(R1))
            .When(Report(false, "Paywalled"))
            .Then(new FullTextRetrievalRecorded(ReviewId, R1, false, "Paywalled", Lead));
    }

    [Fact]
    public void Changing_a_recorded_retrieval_needs_a_note()
    {
        Given(ReviewWithTeam(), Imported(R1), IncludedAtTitleAbstract(R1), NotRetrieved(R1))
            .When(Report(true))
            .ThenInvalid("'note'");
        Given(ReviewWithTeam(), Imported(R1), IncludedAtTitleAbstract(R1), NotRetrieved(R1))
            .When(Report(true, "The authors sent it"))
            .Then(new FullTextRetrievalRecorded(ReviewId, R1, true, "The authors sent it", Lead));
    }

    [Fact]
    public void Only_records_included_at_title_abstract_are_sought()
    {
        Given(ReviewWithTeam(), Imported(R1))
            .When(Report(true))
            .ThenRefused(RefusalKind.Conflict, "not-sought-for-retrieval");
        Given(ReviewWithTeam(), Imported(R1), ExcludedAtTitleAbstract(R1))
            .When(Report(true))
            .ThenRefused(RefusalKind.Conflict, "not-sought-for-retrieval");
    }

    [Fact]
    public void Retrieval_is_settled_once_full_text_votes_exist()
    {
        Given(ReviewWithTeam(), AtFullText(R1), VotedBy(S1, R1, Include, FullText))
            .When(Report(false, "Lost the copy"))
            .ThenRefused(RefusalKind.Conflict, "full-text-screening-started");
    }

    [Fact]
    public void Only_a_lead_or_a_screener_records_retrieval()
    {
        Given(ReviewWithTeam(), Imported(R1), IncludedAtTitleAbstract(R1))
            .When(Report(true, by: Resolver))
            .ThenRefused(RefusalKind.Forbidden);
        Given(ReviewWithTeam(), Imported(R1), IncludedAtTitleAbstract(R1))
            .When(Report(true, by: A1))
            .ThenRefused(RefusalKind.Forbidden);
    }

    [Fact]
    public void A_removed_record_is_not_sought()
    {
        Given(ReviewWithTeam(), Imported(R1), Removed(R1))
            .When(Report(true))
            .ThenRefused(RefusalKind.Conflict, "record-removed");
    }
}
