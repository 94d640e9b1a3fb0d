using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Reviews;
using EventReview.Rules;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Searches;

public sealed record WithdrawSearch(string Reason);

public static class WithdrawSearchEndpoint
{
    public static ProblemDetails Validate(WithdrawSearch command) =>
        Problems.FirstOf(Problems.CheckText(command.Reason, "reason", CorrectSearchEndpoint.MaxReason));

    /// <summary>
    /// A lead sets a whole search aside with a reason (run against the wrong database, a duplicate upload). Its records
    /// keep their events; the flow, the queues and the record lists leave them out from now on.
    /// </summary>
    public static RuleOutcome Decide(Review review, Guid searchId, WithdrawSearch command, Actor by)
    {
        if (ReviewAccess.Refuse(review, by.Id, Role.Lead) is { } denied) return denied;
        if (review.SearchOf(searchId) is not { } search) return Refusal.NotFound("No such search in this review.");
        if (search.Withdrawn) return Refusal.Broken("search-withdrawn", "The search is already withdrawn.");
        return RuleOutcome.Append(new SearchWithdrawn(review.Id, searchId, command.Reason.Trim(), by));
    }

    [WolverinePost("/api/reviews/{reviewId}/searches/{searchId}/withdrawal", OperationId = "withdrawSearch", Summary = "Withdraw a search: its records leave PRISMA and the queues."), Tags("Searches")]
    [ProducesResponseType<Search>(200)]
    public static Task<IResult> Post(Guid reviewId, Guid searchId, WithdrawSearch command, ClaimsPrincipal user, IDocumentSession session,
        HttpContext http, CancellationToken ct) =>
        ReviewCommand.ExecuteAsync(session, http, reviewId, user,
            (review, by) => Decide(review, searchId, command, by),
            review => Results.Ok(review.SearchOf(searchId)), ct);
}
