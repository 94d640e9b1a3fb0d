using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Identity;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Reviews;

public sealed record ReviewSummary(Guid Id, string Title, IReadOnlyList<Role> MyRoles);

public static class GetReviewsEndpoint
{
    [WolverineGet("/api/reviews", OperationId = "listReviews", Summary = "The reviews the caller is a member of, with their roles."), Tags("Reviews")]
    [ProducesResponseType<IReadOnlyList<ReviewSummary>>(200)]
    public static async Task<IReadOnlyList<ReviewSummary>> List(ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var userId = Actor.From(user).Id;
        var reviews = await session.Query<Review>().Where(r => r.MemberIds.Contains(userId)).OrderBy(r => r.Title).ToListAsync(ct);
        return reviews.Select(r => new ReviewSummary(r.Id, r.Title, r.MemberOf(userId)!.Roles)).ToList();
    }

    [WolverineGet("/api/reviews/{reviewId}", OperationId = "getReview", Summary = "One review: protocol, members, stages, reasons and searches."), Tags("Reviews")]
    [ProducesResponseType<Review>(200)]
    public static async Task<IResult> Get(Guid reviewId, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var (review, problem) = await ReviewAccess.LoadAsync(session, reviewId, user, ct);
        return problem is not null ? problem.ToResult() : Results.Ok(review);
    }
}
