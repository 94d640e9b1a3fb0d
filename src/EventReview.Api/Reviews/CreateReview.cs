using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Observability;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Reviews;

public sealed record CreateReview(string Title, string? Question, string? EligibilityCriteria, ProtocolRegistration? Protocol = null);

public sealed record Created(Guid Id);

public static class CreateReviewEndpoint
{
    public const int MaxTitle = 500;
    public const int MaxProtocolText = 20_000;

    public static ProblemDetails Validate(CreateReview command) => Problems.FirstOf(
        Problems.CheckText(command.Title, "title", MaxTitle),
        Problems.CheckText(command.Question, "question", MaxProtocolText, required: false),
        Problems.CheckText(command.EligibilityCriteria, "eligibilityCriteria", MaxProtocolText, required: false),
        ReviseProtocolEndpoint.CheckRegistration(command.Protocol));

    /// <summary>The caller becomes the review's lead.</summary>
    public static object[] Decide(Guid reviewId, CreateReview command, Actor by) =>
    [
        new ReviewCreated(reviewId, command.Title.Trim(), command.Question, command.EligibilityCriteria, by,
            ReviseProtocolEndpoint.Trimmed(command.Protocol)),
        new MemberRolesSet(reviewId, by.Id, by.Name, [Role.Lead], "Created the review", by),
    ];

    [WolverinePost("/api/reviews", OperationId = "createReview", Summary = "Create a review led by the caller."), Tags("Reviews")]
    [ProducesResponseType<Created>(201)]
    public static IResult Post(CreateReview command, ClaimsPrincipal user, IDocumentSession session, HttpContext http)
    {
        var id = Guid.CreateVersion7();
        session.CorrelateWith(http);
        session.Events.StartStream<Review>(id, Decide(id, command, Actor.From(user)));
        return Results.Created($"/api/reviews/{id}", new Created(id));
    }
}
