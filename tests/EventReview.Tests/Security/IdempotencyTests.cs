using System.Net;
using System.Security.Cryptography;
using System.Text;
using EventReview.Hosting;
using EventReview.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shouldly;

namespace EventReview.Tests.Security;

/// <summary>
/// Idempotency-Key on every POST that creates or changes something: the same request again gets the first answer and
/// stores nothing; the key with another body, caller or route is a 422; a replay checks the caller's access again;
/// a key older than EventReview:IdempotencyKeyHours is served as new.
/// </summary>
public class IdempotencyTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Creating_a_review_twice_with_one_key_creates_one_review()
    {
        var key = Key();
        var first = await CreateReviewAsync("lead-" + key, key, "One review");
        var events = await EventCountAsync();

        var again = await CreateReviewAsync("lead-" + key, key, "One review");

        again.Id.ShouldBe(first.Id);
        (await EventCountAsync()).ShouldBe(events, "the replay stored something");
    }

    [Fact]
    public async Task Adding_a_search_twice_with_one_key_adds_one_search()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var headers = Headers(Key());
        var body = new { source = "PubMed", kind = "database", query = "q", searchedOn = "2025-03-24" };
        var first = await (await review.SendAsync(review.Lead, HttpMethod.Post, "/searches", body, headers)).ReadJsonAsync<Created>(HttpStatusCode.Created);
        var events = await EventCountAsync();

        var again = await (await review.SendAsync(review.Lead, HttpMethod.Post, "/searches", body, headers)).ReadJsonAsync<Created>(HttpStatusCode.Created);

        again.Id.ShouldBe(first.Id);
        (await EventCountAsync()).ShouldBe(events, "the replay stored something");
    }

    [Fact]
    public async Task A_key_reused_with_another_body_caller_or_route_is_a_422_that_stores_nothing()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];
        var headers = Headers(Key());
        (await VoteAsync(review, review.S1, record, "include", headers)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await RefusedAsync(() => VoteAsync(review, review.S1, record, "exclude", headers, "wrong-population"), HttpStatusCode.UnprocessableEntity))
            .ShouldContain("first sent with another request");
        await RefusedAsync(() => VoteAsync(review, review.S2, record, "include", headers), HttpStatusCode.UnprocessableEntity);
        await RefusedAsync(() => review.SendAsync(review.Lead, HttpMethod.Post, "/exclusion-reasons",
            new { code = "wrong-outcome", label = "Wrong outcome", stage = "title-abstract" }, headers), HttpStatusCode.UnprocessableEntity);
        (await review.TrailAsync(record)).Names.ShouldBe(["record_imported", "screening_vote_cast"]);
    }

    [Fact]
    public async Task A_replay_to_a_caller_whose_roles_shrank_is_a_403_and_to_a_removed_member_a_404()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var records = await review.RecordsAsync(2);
        var demoted = Headers(Key());
        var removed = Headers(Key());
        (await VoteAsync(review, review.S1, records[0], "include", demoted)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await VoteAsync(review, review.S2, records[1], "include", removed)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await review.OkAsync(review.Lead, HttpMethod.Post, "/members", new { userId = review.S1, name = "Screener One", roles = new[] { "auditor" } });
        await review.OkAsync(review.Lead, HttpMethod.Post, "/members", new { userId = review.S2, name = "Screener Two", roles = Array.Empty<string>() });

        await RefusedAsync(() => VoteAsync(review, review.S1, records[0], "include", demoted), HttpStatusCode.Forbidden);
        await RefusedAsync(() => VoteAsync(review, review.S2, records[1], "include", removed), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_over_long_key_is_a_400_naming_the_header()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var body = new { code = "wrong-outcome", label = "Wrong outcome", stage = "title-abstract" };
        var key = new string('k', 201);

        var text = await RefusedAsync(() => review.SendAsync(review.Lead, HttpMethod.Post, "/exclusion-reasons", body, Headers(key)), HttpStatusCode.BadRequest);

        text.ShouldContain("Idempotency-Key");
    }

    [Fact]
    public async Task A_key_older_than_the_configured_hours_is_served_as_new()
    {
        var key = Key();
        var store = app.Host.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            // An answer stored 25 hours ago (the default keeps keys 24 hours), to another request than the one below.
            var at = DateTimeOffset.UtcNow.AddHours(-25);
            var keyHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
            session.Insert(new IdempotentResponse($"{keyHash}:{at.UtcTicks}", 201, "{\"id\":\"00000000-0000-0000-0000-000000000001\"}",
                keyHash, "another request", null, at));
            await session.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var created = await CreateReviewAsync("lead-" + key, key, "After expiry");

        created.Id.ShouldNotBe(Guid.Parse("00000000-0000-0000-0000-000000000001"));
    }

    private static Task<HttpResponseMessage> VoteAsync(ReviewScenario review, string user, Guid record, string decision,
        Dictionary<string, string> headers, string? reasonCode = null) =>
        review.SendAsync(user, HttpMethod.Post, $"/records/{record}/votes", new { stage = "title-abstract", decision, reasonCode }, headers);

    private async Task<Created> CreateReviewAsync(string lead, string key, string title) =>
        await (await ReviewScenario.Send(app, lead, HttpMethod.Post, "/api/reviews", new { title, question = "Q?" }, Headers(key)))
            .ReadJsonAsync<Created>(HttpStatusCode.Created);

    private async Task<string> RefusedAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode status)
    {
        var before = await EventCountAsync();
        using var response = await send();
        await response.ShouldBeProblemAsync(status);
        (await EventCountAsync()).ShouldBe(before, "a refused request changed the event log");
        return await response.Content.ReadAsStringAsync();
    }

    private static string Key() => Guid.NewGuid().ToString("N");

    private static Dictionary<string, string> Headers(string key) => new() { [Idempotency.Header] = key };

    private async Task<long> EventCountAsync()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var count = new NpgsqlCommand($"select count(*) from {EventStoreSetup.Schema}.mt_events", connection);
        return (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
