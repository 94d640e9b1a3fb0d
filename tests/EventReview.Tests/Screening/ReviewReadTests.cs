using System.Net;
using System.Text.Json;
using EventReview.Hosting;
using EventReview.Reviews;
using EventReview.Tests.Infrastructure;
using Marten;
using Shouldly;

namespace EventReview.Tests.Screening;

/// <summary>
/// A command on a record reads its review through <see cref="ReviewRead"/>, which keeps the last review read in
/// memory and asks PostgreSQL for the document only when it has changed. A stale review there would let a removed
/// member keep voting, so these tests change membership between votes and read the review directly.
/// </summary>
public class ReviewReadTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_member_removed_between_votes_is_refused_and_one_added_is_accepted_at_once()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var records = await review.RecordsAsync(3);
        (await review.VoteAsync(review.S1, records[0], "include")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await review.VoteAsync(review.S2, records[0], "include")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await review.OkAsync(review.Lead, HttpMethod.Post, "/members", new { userId = review.S2, name = review.S2, roles = Array.Empty<string>() });
        // Someone who is not a member is told the review does not exist (no probing of ids).
        (await review.VoteAsync(review.S2, records[1], "include")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var newcomer = review.Resolver + "-screener";
        (await review.VoteAsync(newcomer, records[1], "include")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await review.OkAsync(review.Lead, HttpMethod.Post, "/members", new { userId = newcomer, name = newcomer, roles = new[] { "screener" } });
        (await review.VoteAsync(newcomer, records[1], "include")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_unchanged_review_is_served_from_memory_and_a_changed_one_is_read_again()
    {
        var ct = TestContext.Current.CancellationToken;
        var review = await ReviewScenario.WithTeamAsync(app);
        var cache = (ReviewCache)app.Host.Services.GetService(typeof(ReviewCache))!;
        var store = (IDocumentStore)app.Host.Services.GetService(typeof(IDocumentStore))!;

        var first = await ReadAsync(store, cache, review.ReviewId, ct);
        var second = await ReadAsync(store, cache, review.ReviewId, ct);
        second.ShouldBeSameAs(first);

        await review.OkAsync(review.Lead, HttpMethod.Post, "/members", new { userId = "late-joiner", name = "Late Joiner", roles = new[] { "screener" } });
        var third = await ReadAsync(store, cache, review.ReviewId, ct);
        third.ShouldNotBeSameAs(first);
        third.ShouldNotBeNull().MemberOf("late-joiner").ShouldNotBeNull();
        Json(third).ShouldBe(Json(await LoadAsync(store, review.ReviewId, ct)), "the review as Marten loads it");

        (await ReadAsync(store, cache, Guid.CreateVersion7(), ct)).ShouldBeNull();
    }

    private static async Task<Review?> ReadAsync(IDocumentStore store, ReviewCache cache, Guid reviewId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var batch = session.CreateBatchQuery();
        var read = batch.AddItem(new ReviewRead(cache, reviewId));
        await batch.Execute(ct);
        return await read;
    }

    private static string Json(Review? review) => JsonSerializer.Serialize(review, EventReviewJson.Options);

    private static async Task<Review?> LoadAsync(IDocumentStore store, Guid reviewId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<Review>(reviewId, ct);
    }
}
