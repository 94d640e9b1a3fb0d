using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Rules;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Reviews;

/// <summary>Adds a member, or replaces an existing member's roles; an empty role list removes the member.</summary>
public sealed record AddMember(string UserId, string Name, IReadOnlyList<Role>? Roles, string? Note);

public sealed record MemberRoles(string UserId, IReadOnlyList<Role> Roles);

public static class AddMemberEndpoint
{
    public static ProblemDetails Validate(AddMember command) => Problems.FirstOf(
        Problems.CheckText(command.UserId, "userId", 200),
        Problems.CheckText(command.Name, "name", 200),
        command.Roles is null ? Problems.Invalid("'roles' is required (an empty list removes the member).") : null,
        Problems.CheckText(command.Note, "note", 2_000, required: false));

    public static RuleOutcome Decide(Review review, AddMember command, Actor by)
    {
        if (ReviewAccess.Refuse(review, by.Id, Role.Lead) is { } denied) return denied;
        // The member as the event names them: " lead " is the member "lead", not someone new.
        var userId = command.UserId.Trim();
        var leadsAfter = review.Members.Count(m => m.UserId != userId && m.Roles.Contains(Role.Lead))
            + (command.Roles!.Contains(Role.Lead) ? 1 : 0);
        if (leadsAfter == 0) return Refusal.Broken("review-needs-a-lead", "A review always keeps at least one lead.");

        var roles = command.Roles!.Distinct().Order().ToList();
        return RuleOutcome.Append(new MemberRolesSet(review.Id, userId, command.Name.Trim(), roles, command.Note, by));
    }

    [WolverinePost("/api/reviews/{reviewId}/members", OperationId = "setMemberRoles", Summary = "Add a member to the review or set their roles."), Tags("Reviews")]
    [ProducesResponseType<MemberRoles>(200)]
    public static Task<IResult> Post(Guid reviewId, AddMember command, ClaimsPrincipal user, IDocumentSession session, HttpContext http,
        CancellationToken ct) =>
        ReviewCommand.ExecuteAsync(session, http, reviewId, user,
            (review, by) => Decide(review, command, by),
            review => Results.Ok(new MemberRoles(command.UserId.Trim(), review.MemberOf(command.UserId.Trim())?.Roles ?? [])), ct);
}
