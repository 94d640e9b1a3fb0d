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

/// <summary>Any field of a recorded search, put right with a reason. Fields left out stay; an empty optional text clears it.</summary>
public sealed record CorrectSearch(
    string Reason, string? Source = null, SearchKind? Kind = null, OtherMethod? OtherMethod = null, string? Query = null, DateOnly? SearchedOn = null,
    string? Filters = null, int? ReportedCount = null, string? Platform = null, DateOnly? CoveredFrom = null, DateOnly? CoveredTo = null,
    string? PeerReview = null)
{
    public SearchChanges Changes => new(Source?.Trim(), Kind, OtherMethod, Query, SearchedOn, Filters, ReportedCount, Platform?.Trim(),
        CoveredFrom, CoveredTo, PeerReview);
}

public static class CorrectSearchEndpoint
{
    public const int MaxReason = 2_000;

    public static ProblemDetails Validate(CorrectSearch command) => Problems.FirstOf(
        Problems.CheckText(command.Reason, "reason", MaxReason),
        command.Source is { Length: 0 } || command.Query is { Length: 0 } ? Problems.Invalid("'source' and 'query' cannot be cleared.") : null,
        SearchRules.CheckTexts(command.Source, command.Query, command.Filters, command.Platform, command.PeerReview, required: false));

    /// <summary>The changed fields and the reason, once the search as corrected is still coherent and dated no later than <paramref name="latest"/>.</summary>
    public static RuleOutcome Decide(Review review, Guid searchId, CorrectSearch command, Actor by, DateOnly latest)
    {
        if (ReviewAccess.Refuse(review, by.Id, Role.Lead) is { } denied) return denied;
        if (review.SearchOf(searchId) is not { } search) return Refusal.NotFound("No such search in this review.");
        if (search.Withdrawn) return Refusal.Broken("search-withdrawn", "The search is withdrawn; it is no longer corrected.");
        var corrected = search.With(command.Changes);
        if (corrected == search)
            return Refusal.Invalid("The correction changes no field of the search; name at least one field with its new value.");
        return SearchRules.Check(corrected, latest)
            ?? RuleOutcome.Append(new SearchCorrected(review.Id, searchId, command.Changes, command.Reason.Trim(), by));
    }

    [WolverinePost("/api/reviews/{reviewId}/searches/{searchId}/corrections", OperationId = "correctSearch", Summary = "Correct a recorded search, with the reason."), Tags("Searches")]
    [ProducesResponseType<Search>(200)]
    public static Task<IResult> Post(Guid reviewId, Guid searchId, CorrectSearch command, ClaimsPrincipal user, IDocumentSession session,
        HttpContext http, CancellationToken ct)
    {
        var latest = SearchRules.Latest(DateTimeOffset.UtcNow);
        return ReviewCommand.ExecuteAsync(session, http, reviewId, user,
            (review, by) => Decide(review, searchId, command, by, latest),
            review => Results.Ok(review.SearchOf(searchId)), ct);
    }
}
