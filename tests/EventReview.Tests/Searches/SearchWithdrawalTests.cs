using System.Net;
using EventReview.Prisma;
using EventReview.Screening;
using EventReview.Tests.Infrastructure;
using Npgsql;
using Shouldly;

namespace EventReview.Tests.Searches;

/// <summary>
/// A search exported from the wrong database is withdrawn with a reason: its records leave PRISMA (live and as of a
/// time after the withdrawal), the queues and the record lists, and stay in their trails and the event log.
/// </summary>
public class SearchWithdrawalTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Why = "Exported from Embase with the wrong date limits";

    private static (int? Database, int? Screened, int? Awaiting, int? Excluded) Counts(PrismaFlow f) =>
        (f.DatabaseResults, f.RecordsScreened, f.RecordsAwaitingScreening, f.RecordsExcluded);

    [Fact]
    public async Task A_withdrawn_search_leaves_the_flow_queues_and_lists_but_not_the_trail()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var pubmed = await review.RecordsAsync(3, "PubMed");
        var embase = await review.SearchAsync("Embase", 2);
        var wrong = (await review.ImportAsync(embase, ReviewScenario.Ris(2, "Embase"))).RecordIds!;
        await review.VoteAsync(review.S1, wrong[0], "exclude", reasonCode: "wrong-population");
        await review.VoteAsync(review.S2, wrong[0], "exclude", reasonCode: "wrong-population");
        Counts(await review.PrismaAsync()).ShouldBe((5, 5, 4, 1));
        var beforeWithdrawal = DateTimeOffset.UtcNow;

        await review.OkAsync(review.Lead, HttpMethod.Post, $"/searches/{embase}/withdrawal", new { reason = Why });

        var live = await review.PrismaAsync();
        Counts(live).ShouldBe((3, 3, 3, 0));
        live.Sources.Select(s => s.Source).ShouldBe(["PubMed"]);
        PrismaInvariants.Check(live).ShouldBeEmpty();
        Counts(await review.PrismaAsync(DateTimeOffset.UtcNow.AddSeconds(1))).ShouldBe(Counts(live));
        Counts(await review.PrismaAsync(beforeWithdrawal)).ShouldBe((5, 5, 4, 1));

        var queue = await review.GetAsync<ScreeningQueue>(review.S2, "/queue");
        (queue.Remaining, queue.VotedByMe).ShouldBe((3, 0));
        queue.Records.Select(r => r.Id).ShouldBe(pubmed, ignoreOrder: true);
        (await review.RecordPageAsync()).Records.Select(r => r.Id).ShouldBe(pubmed, ignoreOrder: true);
        (await review.RecordPageAsync("withdrawn=true")).Total.ShouldBe(5);
        (await review.TrailAsync(wrong[0])).Names.ShouldBe(["record_imported", "screening_vote_cast", "screening_vote_cast", "screening_decided"]);

        var listed = await review.GetJsonAsync(review.S1, "/searches");
        var withdrawn = listed.EnumerateArray().Single(s => s.GetProperty("source").GetString() == "Embase");
        (withdrawn.GetProperty("withdrawn").GetBoolean(), withdrawn.GetProperty("withdrawnBecause").GetString()).ShouldBe((true, Why));
        await using var db = NpgsqlDataSource.Create(app.ConnectionString);
        EventReview.Audit.EventLog.Verify(db, review.ReviewId).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task Withdrawing_an_unknown_or_withdrawn_search_or_without_a_reason_is_a_problem()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var search = await review.SearchAsync("Embase");

        await (await review.SendAsync(review.Lead, HttpMethod.Post, $"/searches/{Guid.NewGuid()}/withdrawal", new { reason = Why }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await review.SendAsync(review.Lead, HttpMethod.Post, $"/searches/{search}/withdrawal", new { reason = " " }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await review.OkAsync(review.Lead, HttpMethod.Post, $"/searches/{search}/withdrawal", new { reason = Why });
        await (await review.SendAsync(review.Lead, HttpMethod.Post, $"/searches/{search}/withdrawal", new { reason = Why }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "search-withdrawn");
        using var content = new StringContent(ReviewScenario.Ris(1, "late"), System.Text.Encoding.UTF8, "text/plain");
        using var client = app.ClientFor(review.Lead);
        await (await client.PostAsync(new Uri(review.Url($"/searches/{search}/imports?format=ris"), UriKind.Relative), content))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "search-withdrawn");
    }
}
