using System.Globalization;
using System.Security.Claims;
using EventReview.Hosting;
using Microsoft.AspNetCore.Http;

namespace EventReview.Identity;

/// <summary>
/// A signature needs a fresh authentication (21 CFR 11.200(a)): the token's auth_time must lie within
/// EventReview:Auth:SignatureFreshnessMinutes. Otherwise the answer is the step-up challenge of RFC 9470: 401 with
/// error="insufficient_user_authentication" and max_age, so a client asks its OIDC provider for a fresh login.
/// </summary>
public static class StepUp
{
    public const string Rule = "re-authentication-required";

    /// <summary>When the user last authenticated, or null when the token does not say (or says it unreadably).</summary>
    public static DateTimeOffset? AuthenticatedAt(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimNames.AuthTime), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>Why the authentication is not fresh enough to sign, or null when it is.</summary>
    public static string? Refusal(DateTimeOffset? authenticatedAt, DateTimeOffset now, TimeSpan window)
    {
        var minutes = window.TotalMinutes.ToString("0", CultureInfo.InvariantCulture);
        if (authenticatedAt is not { } at)
            return $"Signing needs a re-authentication: the token does not say when you signed in (auth_time). Sign in again (within {minutes} minutes) and sign.";
        // The same 30 seconds of clock skew the token's own times are allowed.
        if (at > now.AddSeconds(30))
            return "Signing needs a re-authentication: the token's auth_time lies in the future.";
        return now - at > window
            ? $"Signing needs a re-authentication: you signed in more than {minutes} minutes ago (auth_time). Sign in again and sign."
            : null;
    }

    public static IResult Challenge(string refusal, TimeSpan window, HttpContext http)
    {
        var maxAge = ((long)window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.WWWAuthenticate =
            $"Bearer error=\"insufficient_user_authentication\", error_description=\"A more recent authentication is required to sign.\", max_age={maxAge}";
        return Results.Problem(refusal, statusCode: StatusCodes.Status401Unauthorized, title: "Re-authentication required",
            extensions: new Dictionary<string, object?> { ["rule"] = Rule, ["maxAge"] = long.Parse(maxAge, CultureInfo.InvariantCulture) });
    }
}
