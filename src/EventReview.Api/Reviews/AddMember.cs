using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Identity;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Reviews;

/// <summary>Adds a member, or replaces an existing member's roles; an empty role list removes the member.</summary>
public sealed record AddMember(string UserId, string Name, IReadOnlyList<Role>? Roles, string? Note);

public static class AddMemberEndpoint
{
    public static ProblemDetails Validate(AddMember command) => Problems.FirstOf(
        Problems.CheckText(command.UserId, "userId", 200),
        Problems.CheckText(command.Name, "name", 200),
        command.Roles is null ? Problems.Invalid("'roles' is required (an empty list removes the member).") : null,
        Problems.CheckText(command.Note, "note", 2_000, required: false));

    public static ProblemDetails? Rules(Review review, AddMember command)
    {
        var leadsAfter = review.Members.Count(m => m.UserId != command.UserId && m.Roles.Contains(Role.Lead))
            + (command.Roles!.Contains(Role.Lead) ? 1 : 0);
        return leadsAfter == 0 ? Problems.Rule("review-needs-a-lead", "A review always keeps at least one lead.") : null;
    }

    [WolverinePost("/api/reviews/{reviewId}/members"), Tags("Reviews")]
    public static async Task<IResult> Post(Guid reviewId, AddMember command, ClaimsPrincipal user, IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        var (stream, denied) = await ReviewAccess.WriteAsync(session, http, reviewId, user, ct, Role.Lead);
        var problem = denied ?? Rules(stream.Aggregate!, command);
        if (problem is not null) return problem.ToResult();

        var roles = command.Roles!.Distinct().Order().ToList();
        stream.AppendOne(new MemberRolesSet(reviewId, command.UserId.Trim(), command.Name.Trim(), roles, command.Note, Actor.From(user)));
        return Results.Ok(new { userId = command.UserId.Trim(), roles });
    }
}
