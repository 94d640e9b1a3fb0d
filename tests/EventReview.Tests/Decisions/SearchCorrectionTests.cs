using EventReview.Prisma;
using EventReview.Records;
using EventReview.Records.Parsing;
using EventReview.Reviews;
using EventReview.Rules;
using EventReview.Searches;
using Shouldly;
using static EventReview.Tests.Decisions.DecisionSpec;
using static EventReview.Tests.Decisions.Histories;

namespace EventReview.Tests.Decisions;

/// <summary>Searches as PRISMA-S records them, corrected field by field with a reason, or withdrawn whole with a reason.</summary>
public class SearchCorrectionTests
{
    private static readonly DateOnly Latest = new(2026, 12, 7);
    private static readonly Guid Unknown = new("01950000-0000-7000-8000-00000000b0ff");

    private static SearchRecorded PubMedRecorded() => new SearchRecorded(ReviewId, SearchId, "MEDLINE", SearchKind.Database, null, "heart AND stem",
        new DateOnly(2025, 3, 24), "English", 286, Lead, "PubMed", new DateOnly(1946, 1, 1), new DateOnly(2025, 3, 24), "PRESS by the librarian");

    private static AddSearch Search(DateOnly searchedOn, DateOnly? from = null, DateOnly? to = null) =>
        new("MEDLINE", SearchKind.Database, null, "heart", searchedOn, null, null, "Ovid", from, to, null);

    [Fact]
    public void A_search_keeps_its_platform_coverage_and_peer_review()
    {
        var search = new AddSearch("MEDLINE", SearchKind.Database, null, "heart AND stem", new DateOnly(2025, 3, 24), "English", 286,
            " PubMed ", new DateOnly(1946, 1, 1), new DateOnly(2025, 3, 24), "PRESS by the librarian");
        Given(ReviewWithTeam())
            .When(h => AddSearchEndpoint.Decide(h.Review, SearchId, search, Lead, Latest))
            .Then(PubMedRecorded());
    }

    [Fact]
    public void A_search_dated_in_the_future_is_refused_naming_the_date()
    {
        Given(ReviewWithTeam()).When(h => AddSearchEndpoint.Decide(h.Review, SearchId, Search(new DateOnly(2099, 1, 1)), Lead, Latest))
            .ThenInvalid("'searchedOn' is 2099-01-01, a date in the future");
        Given(ReviewWithTeam()).When(h => AddSearchEndpoint.Decide(h.Review, SearchId, Search(new DateOnly(2026, 12, 8)), Lead, Latest))
            .ThenInvalid("'searchedOn'");
    }

    [Fact]
    public void A_search_run_on_the_latest_day_a_time_zone_has_reached_is_accepted()
    {
        Given(ReviewWithTeam()).When(h => AddSearchEndpoint.Decide(h.Review, SearchId, Search(Latest), Lead, Latest))
            .Then(new SearchRecorded(ReviewId, SearchId, "MEDLINE", SearchKind.Database, null, "heart", Latest, null, null, Lead, "Ovid"));
    }

    [Fact]
    public void The_dates_covered_lie_in_order_and_before_the_run()
    {
        var run = new DateOnly(2025, 3, 24);
        Given(ReviewWithTeam()).When(h => AddSearchEndpoint.Decide(h.Review, SearchId, Search(run, new DateOnly(2025, 1, 1), new DateOnly(2024, 1, 1)), Lead, Latest))
            .ThenInvalid("'coveredFrom' comes after 'coveredTo'");
        Given(ReviewWithTeam()).When(h => AddSearchEndpoint.Decide(h.Review, SearchId, Search(run, to: new DateOnly(2025, 4, 1)), Lead, Latest))
            .ThenInvalid("'coveredTo' comes after 'searchedOn'");
        Given(ReviewWithTeam()).When(h => AddSearchEndpoint.Decide(h.Review, SearchId, Search(run, from: new DateOnly(2099, 1, 1)), Lead, Latest))
            .ThenInvalid("'coveredFrom' is 2099-01-01");
    }

    [Fact]
    public void A_correction_carries_the_fields_it_changes_and_the_reason()
    {
        var correction = new CorrectSearch(" Wrong interface noted ", Platform: " Ovid ", ReportedCount: 290);
        Given(ReviewWithTeam(), PubMedRecorded())
            .When(h => CorrectSearchEndpoint.Decide(h.Review, SearchId, correction, Lead, Latest))
            .Then(new SearchCorrected(ReviewId, SearchId, new SearchChanges(Platform: "Ovid", ReportedCount: 290), "Wrong interface noted", Lead));
    }

    [Fact]
    public void A_corrected_search_reads_with_the_new_values_and_the_reasons()
    {
        var folded = FoldedHistory.Of([.. ReviewWithTeam(), PubMedRecorded(),
            new SearchCorrected(ReviewId, SearchId, new SearchChanges(Platform: "Ovid", Filters: ""), "Run through Ovid, no language limit", Lead)]);
        var search = folded.Review.SearchOf(SearchId)!;
        (search.Platform, search.Filters, search.ReportedCount, search.Source).ShouldBe(("Ovid", (string?)null, (int?)286, "MEDLINE"));
        search.Corrections.ShouldBe(["Run through Ovid, no language limit"]);
    }

    [Fact]
    public void A_correction_that_changes_nothing_or_dates_the_search_in_the_future_is_refused()
    {
        Given(ReviewWithTeam(), PubMedRecorded())
            .When(h => CorrectSearchEndpoint.Decide(h.Review, SearchId, new CorrectSearch("Same", Platform: "PubMed"), Lead, Latest))
            .ThenInvalid("changes no field");
        Given(ReviewWithTeam(), PubMedRecorded())
            .When(h => CorrectSearchEndpoint.Decide(h.Review, SearchId, new CorrectSearch("Typo", SearchedOn: new DateOnly(2099, 3, 24)), Lead, Latest))
            .ThenInvalid("'searchedOn' is 2099-03-24");
        Given(ReviewWithTeam(), PubMedRecorded())
            .When(h => CorrectSearchEndpoint.Decide(h.Review, SearchId, new CorrectSearch("Other", OtherMethod: OtherMethod.Website), Lead, Latest))
            .ThenInvalid("'otherMethod' belongs to searches of kind 'other' only");
    }

    [Fact]
    public void Only_a_lead_corrects_or_withdraws_a_search_and_only_one_the_review_has()
    {
        Given(ReviewWithTeam(), PubMedRecorded())
            .When(h => CorrectSearchEndpoint.Decide(h.Review, SearchId, new CorrectSearch("Mine", Platform: "Ovid"), S1, Latest))
            .ThenRefused(RefusalKind.Forbidden);
        Given(ReviewWithTeam(), PubMedRecorded())
            .When(h => WithdrawSearchEndpoint.Decide(h.Review, SearchId, new WithdrawSearch("Mine"), S1))
            .ThenRefused(RefusalKind.Forbidden);
        Given(ReviewWithTeam(), PubMedRecorded())
            .When(h => CorrectSearchEndpoint.Decide(h.Review, Unknown, new CorrectSearch("Typo", Platform: "Ovid"), Lead, Latest))
            .ThenRefused(RefusalKind.NotFound);
        Given(ReviewWithTeam(), PubMedRecorded())
            .When(h => WithdrawSearchEndpoint.Decide(h.Review, Unknown, new WithdrawSearch("Wrong database"), Lead))
            .ThenRefused(RefusalKind.NotFound);
    }

    [Fact]
    public void A_lead_withdraws_a_search_once_and_then_it_is_no_longer_corrected()
    {
        var withdrawn = new SearchWithdrawn(ReviewId, SearchId, "Exported from the wrong database", Lead);
        Given(ReviewWithTeam(), PubMedRecorded())
            .When(h => WithdrawSearchEndpoint.Decide(h.Review, SearchId, new WithdrawSearch(" Exported from the wrong database "), Lead))
            .Then(withdrawn);
        Given(ReviewWithTeam(), PubMedRecorded(), withdrawn)
            .When(h => WithdrawSearchEndpoint.Decide(h.Review, SearchId, new WithdrawSearch("Again"), Lead))
            .ThenRefused(RefusalKind.Conflict, "search-withdrawn");
        Given(ReviewWithTeam(), PubMedRecorded(), withdrawn)
            .When(h => CorrectSearchEndpoint.Decide(h.Review, SearchId, new CorrectSearch("Late fix", Platform: "Ovid"), Lead, Latest))
            .ThenRefused(RefusalKind.Conflict, "search-withdrawn");
    }

    [Fact]
    public void A_withdrawn_search_and_its_records_leave_the_folded_flow()
    {
        var embase = new Guid("01950000-0000-7000-8000-00000000b002");
        var (r1, r2, r3) = (new Guid("01950000-0000-7000-8000-000000000c01"), new Guid("01950000-0000-7000-8000-000000000c02"),
            new Guid("01950000-0000-7000-8000-000000000c03"));
        var folded = FoldedHistory.Of([.. ReviewWithTeam(), PubMedRecorded(),
            new SearchRecorded(ReviewId, embase, "Embase", SearchKind.Database, null, "heart", new DateOnly(2025, 3, 24), null, 1, Lead),
            Imported(r1), Imported(r2),
            new RecordImported(ReviewId, r3, embase, "e#1", Ordinal: 1, new BibRecord { Title = "Wrong export" }, Lead),
            new SearchWithdrawn(ReviewId, embase, "Wrong export", Lead)]);

        var flow = PrismaCounting.Flow(folded.Review, folded.Records);

        (flow.DatabaseResults, flow.RecordsScreened, flow.RecordsAwaitingScreening).ShouldBe(((int?)2, (int?)2, (int?)2));
        flow.Sources.Select(s => (s.Source, s.Records)).ShouldBe([("MEDLINE", 2)]);
    }
}
