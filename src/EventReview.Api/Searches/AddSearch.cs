using System.Security.Claims;
using System.Text.Json.Serialization;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Reviews;
using EventReview.Rules;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Searches;

public sealed record AddSearch(
    string Source, [property: JsonRequired] SearchKind Kind, OtherMethod? OtherMethod, string Query, DateOnly SearchedOn, string? Filters, int? ReportedCount,
    string? Platform = null, DateOnly? CoveredFrom = null, DateOnly? CoveredTo = null, string? PeerReview = null);

public static class AddSearchEndpoint
{
    public static ProblemDetails Validate(AddSearch command) =>
        SearchRules.CheckTexts(command.Source, command.Query, command.Filters, command.Platform, command.PeerReview, required: true);

    /// <summary>
    /// A search as it was run, with the count the source reported, under the id <paramref name="searchId"/>; no date in
    /// it may lie after <paramref name="latest"/> (see <see cref="SearchRules.Latest"/>).
    /// </summary>
    public static RuleOutcome Decide(Review review, Guid searchId, AddSearch command, Actor by, DateOnly latest)
    {
        if (ReviewAccess.Refuse(review, by.Id, Role.Lead) is { } denied) return denied;
        var recorded = new SearchRecorded(review.Id, searchId, command.Source.Trim(), command.Kind, command.OtherMethod, command.Query,
            command.SearchedOn, command.Filters, command.ReportedCount, by, command.Platform?.Trim(), command.CoveredFrom, command.CoveredTo,
            command.PeerReview);
        return SearchRules.Check(Search.From(recorded), latest) ?? RuleOutcome.Append(recorded);
    }

    [WolverinePost("/api/reviews/{reviewId}/searches", OperationId = "addSearch", Summary = "Record a search as PRISMA-S describes it."), Tags("Searches")]
    [ProducesResponseType<Created>(201)]
    public static Task<IResult> Post(Guid reviewId, AddSearch command, ClaimsPrincipal user, IDocumentSession session, HttpContext http,
        CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var latest = SearchRules.Latest(DateTimeOffset.UtcNow);
        return ReviewCommand.ExecuteAsync(session, http, reviewId, user,
            (review, by) => Decide(review, id, command, by, latest),
            _ => Results.Created($"/api/reviews/{reviewId}/searches/{id}", new Created(id)), ct);
    }
}
