using System.Net;
using System.Text.Json;
using Shouldly;

namespace EventReview.Tests.Security;

/// <summary>
/// No caller reaches another review's data by guessing ids: a record, search or kept record of review X named under
/// review Y's path is "not found", even for Y's lead, and nothing is written to either review.
/// </summary>
public class ObjectLevelAuthorizationTests(MatrixReview review) : IClassFixture<MatrixReview>
{
    public static TheoryData<string> RecordRoutes() =>
    [
        .. AccessMatrix.Rows.Select(r => r.Route).Where(r => r.Contains("{recordId}", StringComparison.Ordinal)),
    ];

    [Theory, MemberData(nameof(RecordRoutes))]
    public async Task The_lead_of_another_review_cannot_reach_this_reviews_record_through_their_own_review(string route)
    {
        var guessed = review.TargetFor(route, Caller.Lead) with { Review = review.OtherReviewId, Search = review.OtherSearchId, Kept = review.OtherRecordId };

        var response = await review.SendAsync(Caller.Other, RouteRequests.For(route, guessed));

        await response.ShouldBeProblemDetailsAsync(404);
    }

    [Theory, MemberData(nameof(RecordRoutes))]
    public async Task This_reviews_lead_cannot_reach_another_reviews_record_through_this_review(string route)
    {
        var guessed = review.TargetFor(route, Caller.Lead) with { Record = review.OtherRecordId };

        var response = await review.SendAsync(Caller.Lead, RouteRequests.For(route, guessed));

        await response.ShouldBeProblemDetailsAsync(404);
    }

    [Fact]
    public async Task A_record_of_another_review_is_never_kept_as_the_original_of_a_duplicate()
    {
        var route = "POST " + RouteRequests.Record + "/duplicate-of";
        var foreign = review.TargetFor(route, Caller.Lead) with { Kept = review.OtherRecordId };

        await (await review.SendAsync(Caller.Lead, RouteRequests.For(route, foreign))).ShouldBeProblemDetailsAsync(404);
    }

    [Fact]
    public async Task Records_are_never_imported_into_another_reviews_search()
    {
        var route = "POST " + RouteRequests.Review + "/searches/{searchId}/imports";

        var intoOther = review.TargetFor(route, Caller.Lead) with { Search = review.OtherSearchId };
        await (await review.SendAsync(Caller.Lead, RouteRequests.For(route, intoOther))).ShouldBeProblemDetailsAsync(404);

        var fromOther = review.TargetFor(route, Caller.Lead) with { Review = review.OtherReviewId };
        await (await review.SendAsync(Caller.Other, RouteRequests.For(route, fromOther))).ShouldBeProblemDetailsAsync(404);
    }

    [Fact]
    public async Task The_audit_of_one_review_never_shows_a_record_of_another()
    {
        var path = $"/api/reviews/{review.OtherReviewId}/audit?record={review.Named("conflict")}";

        var audit = await ReadAsync(await review.SendAsync(Caller.Other, new RouteRequest(HttpMethod.Get, path, null)));

        audit.GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Each_caller_lists_only_the_reviews_they_belong_to()
    {
        var route = "GET /api/reviews";
        var listed = await ReadAsync(await review.SendAsync(Caller.Other, RouteRequests.For(route, review.TargetFor(route, Caller.Other))));

        var ids = listed.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList();
        ids.ShouldContain(review.OtherReviewId);
        ids.ShouldNotContain(review.Scenario.ReviewId);
    }

    [Fact]
    public async Task Nothing_a_guess_attempted_was_written_to_either_review()
    {
        foreach (var route in RecordRoutes())
        {
            var guessed = review.TargetFor(route, Caller.Lead) with { Review = review.OtherReviewId, Search = review.OtherSearchId };
            await review.SendAsync(Caller.Other, RouteRequests.For(route, guessed));
        }

        var audit = await review.Scenario.GetJsonAsync(review.Scenario.Lead, $"/audit?actor={review.Scenario.Outsider}");
        audit.GetProperty("total").GetInt32().ShouldBe(0);
        var other = await ReadAsync(await review.SendAsync(Caller.Other,
            new RouteRequest(HttpMethod.Get, $"/api/reviews/{review.OtherReviewId}/records", null)));
        other.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ShouldBe([review.OtherRecordId]);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }
}
