using System.Net;
using EventReview.Hosting;
using EventReview.Tests.Infrastructure;
using Npgsql;
using Shouldly;

namespace EventReview.Tests.Security;

/// <summary>
/// Every POST route honours Idempotency-Key: the valid request sent again with its key gets the first answer and
/// appends nothing; the key with a body that differs by one byte is a 422 problem that appends nothing.
/// </summary>
public class IdempotentRouteTests(MatrixReview review) : IClassFixture<MatrixReview>
{
    public static TheoryData<string> PostRoutes() => [.. AccessMatrix.Rows.Select(r => r.Route).Where(r => r.StartsWith("POST ", StringComparison.Ordinal))];

    [Theory, MemberData(nameof(PostRoutes))]
    public async Task The_same_request_again_is_answered_once_and_another_with_its_key_is_a_422(string route)
    {
        var caller = AccessMatrix.Rows.Single(r => r.Route == route).Expected.First(e => e.Value < 300).Key;
        var request = RouteRequests.For(route, review.TargetFor(route, caller));
        var key = Guid.NewGuid().ToString("N");
        using var first = await review.SendAsync(caller, request, key);
        var firstBody = await first.Content.ReadAsStringAsync();
        ((int)first.StatusCode).ShouldBeInRange(200, 299, firstBody);
        var events = await EventCountAsync();

        using var again = await review.SendAsync(caller, request, key);

        again.StatusCode.ShouldBe(first.StatusCode);
        (await again.Content.ReadAsStringAsync()).ShouldBe(firstBody);
        (await EventCountAsync()).ShouldBe(events, "the replay appended events");

        using var other = await review.SendAsync(caller, request with { Body = OneByteMore(request.Body) }, key);

        await other.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        (await other.Content.ReadAsStringAsync()).ShouldContain(Idempotency.Header);
        (await EventCountAsync()).ShouldBe(events, "a refused request appended events");
    }

    /// <summary>The same request with one more byte of body: a trailing space in JSON, a trailing newline in an upload.</summary>
    private static object OneByteMore(object? body) => body switch
    {
        Upload upload => new Upload(upload.Text + "\n"),
        null => new RawJson(" "),
        _ => new RawJson(System.Text.Json.JsonSerializer.Serialize(body, EventReviewJson.Options) + " "),
    };

    private async Task<long> EventCountAsync()
    {
        await using var connection = new NpgsqlConnection(review.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var count = new NpgsqlCommand($"select count(*) from {EventStoreSetup.Schema}.mt_events", connection);
        return (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
