using System.Security.Claims;
using System.Text.Json.Serialization;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Reviews;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Searches;

public sealed record RecordSearch(
    string Source, [property: JsonRequired] SearchKind Kind, OtherMethod? OtherMethod, string Query, DateOnly SearchedOn, string? Filters, int? ReportedCount);

public static class RecordSearchEndpoint
{
    public static ProblemDetails Validate(RecordSearch command) => Problems.FirstOf(
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

    [WolverinePost("/api/reviews/{reviewId}/searches"), Tags("Searches")]
    public static async Task<IResult> Post(Guid reviewId, RecordSearch command, ClaimsPrincipal user, IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        var (stream, problem) = await ReviewAccess.WriteAsync(session, http, reviewId, user, ct, Role.Lead);
        if (problem is not null) return problem.ToResult();

        var id = Guid.CreateVersion7();
        stream.AppendOne(new SearchRecorded(reviewId, id, command.Source.Trim(), command.Kind, command.OtherMethod, command.Query,
            command.SearchedOn, command.Filters, command.ReportedCount, Actor.From(user)));
        return Results.Created($"/api/reviews/{reviewId}/searches/{id}", new Created(id));
    }
}
