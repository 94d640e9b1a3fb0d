using System.Security.Claims;

namespace EventReview.Identity;

/// <summary>Who did something: the token's subject and the printed name recorded on every event.</summary>
public sealed record Actor(string Id, string Name)
{
    public static Actor From(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimNames.Subject)
            ?? throw new InvalidOperationException("An authenticated user always has a subject claim.");
        var name = user.FindFirstValue(ClaimNames.Name) ?? id;
        return new Actor(id, name);
    }
}
