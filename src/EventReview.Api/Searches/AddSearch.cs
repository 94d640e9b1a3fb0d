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
    string Source, [property: JsonRequired] SearchKind Kind, OtherMethod? OtherMethod, string Query, DateOnly SearchedOn, string? Filters, int? ReportedCount);

public static class AddSearchEndpoint
{
    public static ProblemDetails Validate(AddSearch command) => Problems.FirstOf(
        Problems.CheckText(command.Source, "source", 300),
        Problems.CheckText(command.Query, "query", 100_000),
        Problems.CheckText(command.Filters, "filters", 2_000, required: false),
        command.Kind == SearchKind.Other && command.OtherMethod is null
            ? Problems.Invalid("A search of kind 'other' names its 'otherMethod': website, organisation or citation.")
            : null,
        command.Kind != SearchKind.Other && command.OtherMethod is not null
            ? Problems.Invalid("'otherMethod' belongs to searches of kind 'other' only.")
            : null,
        command.ReportedCount is < 0 ? Problems.Invalid("'reportedCount' cannot be negative.") : null,
        command.SearchedOn == default ? Problems.Invalid("'searchedOn' (the date the search was run) is required.") : null);

    /// <summary>A search as it was run, with the count the source reported, under the id <paramref name="searchId"/>.</summary>
    public static RuleOutcome Decide(Review review, Guid searchId, AddSearch command, Actor by) =>
        ReviewAccess.Refuse(review, by.Id, Role.Lead) is { } denied
            ? denied
            : RuleOutcome.Append(new SearchRecorded(review.Id, searchId, command.Source.Trim(), command.Kind, command.OtherMethod, command.Query,
                command.SearchedOn, command.Filters, command.ReportedCount, by));

    [WolverinePost("/api/reviews/{reviewId}/searches"), Tags("Searches")]
    public static Task<IResult> Post(Guid reviewId, AddSearch command, ClaimsPrincipal user, IDocumentSession session, HttpContext http,
        CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        return ReviewCommand.ExecuteAsync(session, http, reviewId, user,
            (review, by) => Decide(review, id, command, by),
            _ => Results.Created($"/api/reviews/{reviewId}/searches/{id}", new Created(id)), ct);
    }
}
