using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Rules;
using Marten;
using Microsoft.AspNetCore.Http;

namespace EventReview.Reviews;

/// <summary>
/// The one path every command on a review's own stream takes: the stream fetched for writing (a concurrent change
/// becomes 409), membership checked (a stranger learns nothing: 404), the command's pure decision, the append, and
/// the answer from the review as the new events leave it.
/// </summary>
public static class ReviewCommand
{
    public static Task<IResult> ExecuteAsync(IDocumentSession session, HttpContext http, Guid reviewId, ClaimsPrincipal user,
        Func<Review, Actor, RuleOutcome> decide, Func<Review, IResult> respond, CancellationToken ct) =>
        ExecuteAsync(session, http, reviewId, user, (review, by) => Task.FromResult(decide(review, by)), (review, _) => respond(review), ct);

    public static Task<IResult> ExecuteAsync(IDocumentSession session, HttpContext http, Guid reviewId, ClaimsPrincipal user,
        Func<Review, Actor, Task<RuleOutcome>> decide, Func<Review, IResult> respond, CancellationToken ct) =>
        ExecuteAsync(session, http, reviewId, user, decide, (review, _) => respond(review), ct);

    /// <param name="respond">The answer, from the review as the events leave it and the events themselves.</param>
    /// <param name="decide">Reads what else the decision needs (after the stream, so nothing read is older than the version the append expects), then decides.</param>
    public static async Task<IResult> ExecuteAsync(IDocumentSession session, HttpContext http, Guid reviewId, ClaimsPrincipal user,
        Func<Review, Actor, Task<RuleOutcome>> decide, Func<Review, IReadOnlyList<object>, IResult> respond, CancellationToken ct)
    {
        var (stream, denied) = await ReviewAccess.WriteAsync(session, http, reviewId, user, ct);
        if (denied is not null) return denied.ToResult();

        var outcome = await decide(stream.Aggregate!, Actor.From(user));
        if (outcome.Refused is { } refused) return refused.ToResult();
        stream.AppendMany(outcome.Events);
        return respond(outcome.Events.Aggregate(stream.Aggregate!, ReviewFold.Apply), outcome.Events);
    }
}
