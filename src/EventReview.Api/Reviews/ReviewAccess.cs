using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Identity;
using Marten;
using EventReview.Observability;
using EventReview.Rules;
using JasperFx.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EventReview.Reviews;

/// <summary>
/// Membership and role checks for every review route. A non-member learns nothing, not even that the review
/// exists (404); a member without the needed role gets 403.
/// </summary>
public static class ReviewAccess
{
    public static ProblemDetails? Check(Review? review, ClaimsPrincipal user, params Role[] anyOf) =>
        Refuse(review, Actor.From(user).Id, anyOf)?.ToProblem();

    /// <summary>The membership and role check as a decision states it: null when <paramref name="userId"/> may act.</summary>
    public static Refusal? Refuse(Review? review, string userId, params Role[] anyOf)
    {
        var member = review?.MemberOf(userId);
        if (review is null || member is null) return Refusal.NotFound("No such review.");
        if (anyOf.Length > 0 && !member.Roles.Intersect(anyOf).Any())
            return Refusal.Forbidden($"This needs the role {string.Join(" or ", anyOf.Select(EventReviewJson.Name))}.");
        return null;
    }

    public static async Task<(Review? Review, ProblemDetails? Problem)> LoadAsync(
        IQuerySession session, Guid reviewId, ClaimsPrincipal user, CancellationToken ct, params Role[] anyOf)
    {
        var review = await session.LoadAsync<Review>(reviewId, ct);
        return (review, Check(review, user, anyOf));
    }

    /// <summary>The review stream fetched for writing (a concurrent change becomes 409), after the role check.</summary>
    public static async Task<(IEventStream<Review> Stream, ProblemDetails? Problem)> WriteAsync(
        IDocumentSession session, HttpContext http, Guid reviewId, ClaimsPrincipal user, CancellationToken ct, params Role[] anyOf)
    {
        // Marten refuses the empty id as a stream id (a 500); no review has it, and callers read the stream only without a problem.
        if (reviewId == Guid.Empty) return (null!, Problems.NotFound("No such review."));
        session.CorrelateWith(http);
        var stream = await session.Events.FetchForWriting<Review>(reviewId, ct);
        return (stream, Check(stream.Aggregate, user, anyOf));
    }
}
