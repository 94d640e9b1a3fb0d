using System.Net;
using EventReview.Records;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.Records;

/// <summary>
/// The record list pages by number or by cursor (<c>?after=</c>, the previous page's <c>next</c>). Both must give the
/// same records in the same order, each exactly once, with or without filters.
/// </summary>
public class RecordPagingTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Walking_by_cursor_visits_every_record_once_in_the_order_of_numbered_pages()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var imported = await review.RecordsAsync(25);

        var byNumber = new List<Guid>();
        for (var page = 1; page <= 3; page++) byNumber.AddRange(Ids(await review.RecordPageAsync($"pageSize=10&page={page}")));
        var byCursor = await WalkAsync(review, "pageSize=10");

        byNumber.ShouldBe(imported);
        byCursor.ShouldBe(imported);
    }

    [Fact]
    public async Task A_filtered_walk_by_cursor_equals_the_filtered_list()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var imported = await review.RecordsAsync(12);
        foreach (var record in imported.Where((_, i) => i % 3 == 0))
        {
            (await review.VoteAsync(review.S1, record, "include")).EnsureSuccessStatusCode();
            (await review.VoteAsync(review.S2, record, "include")).EnsureSuccessStatusCode();
        }

        var filtered = Ids(await review.RecordPageAsync("status=awaiting-retrieval&pageSize=100"));
        filtered.ShouldBe(imported.Where((_, i) => i % 3 == 0));
        (await WalkAsync(review, "status=awaiting-retrieval&pageSize=3")).ShouldBe(filtered);
    }

    [Fact]
    public async Task A_cursor_from_another_review_or_with_a_page_number_is_refused()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var own = (await review.RecordsAsync(2))[0];
        var other = await ReviewScenario.WithTeamAsync(app);
        var foreign = (await other.RecordsAsync(1))[0];

        (await review.SendAsync(review.Lead, HttpMethod.Get, $"/records?after={foreign}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await review.SendAsync(review.Lead, HttpMethod.Get, $"/records?after={Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await review.SendAsync(review.Lead, HttpMethod.Get, $"/records?after={own}&page=2")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await review.SendAsync(review.Lead, HttpMethod.Get, "/records?after=not-an-id")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static async Task<List<Guid>> WalkAsync(ReviewScenario review, string query)
    {
        var ids = new List<Guid>();
        Guid? after = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var page = await review.RecordPageAsync(after is null ? query : $"{query}&after={after}");
            ids.AddRange(Ids(page));
            if (page.Next is null) return ids;
            after = page.Next;
        }
        throw new InvalidOperationException("The walk did not end.");
    }

    private static List<Guid> Ids(RecordPage page) => [.. page.Records.Select(r => r.Id)];
}
