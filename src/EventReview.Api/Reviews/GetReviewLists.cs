using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Searches;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Reviews;

/// <summary>
/// The review's own lists, for any member: who is on the team with which roles, the searches (withdrawn ones with the
/// reason, so the record of what was searched stays whole) and the exclusion reasons. None of it says how anyone voted,
/// so a blinded screener reads them too.
/// </summary>
public static class GetReviewListsEndpoint
{
    [WolverineGet("/api/reviews/{reviewId}/members", OperationId = "listMembers", Summary = "The review's members and their roles."), Tags("Reviews")]
    [ProducesResponseType<IReadOnlyList<Member>>(200)]
    public static Task<IResult> Members(Guid reviewId, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
        ListAsync(reviewId, user, session, r => r.Members, ct);

    [WolverineGet("/api/reviews/{reviewId}/searches", OperationId = "listSearches", Summary = "The review's searches as recorded and corrected, withdrawn ones included."), Tags("Searches")]
    [ProducesResponseType<IReadOnlyList<Search>>(200)]
    public static Task<IResult> Searches(Guid reviewId, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
        ListAsync<Search>(reviewId, user, session, r => r.Searches, ct);

    [WolverineGet("/api/reviews/{reviewId}/exclusion-reasons", OperationId = "listExclusionReasons", Summary = "The review's exclusion reasons by stage."), Tags("Reviews")]
    [ProducesResponseType<IReadOnlyList<ExclusionReason>>(200)]
    public static Task<IResult> ExclusionReasons(Guid reviewId, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
        ListAsync(reviewId, user, session, r => r.ExclusionReasons, ct);

    private static async Task<IResult> ListAsync<T>(Guid reviewId, ClaimsPrincipal user, IQuerySession session,
        Func<Review, IReadOnlyList<T>> list, CancellationToken ct)
    {
        var (review, problem) = await ReviewAccess.LoadAsync(session, reviewId, user, ct);
        return problem is not null ? problem.ToResult() : Results.Ok(list(review!));
    }
}
