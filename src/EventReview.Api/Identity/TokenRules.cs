using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EventReview.Identity;

/// <summary>
/// What a token must satisfy beyond signature, issuer, audience and expiry, which the JWT handler checks:
/// - one non-blank subject, since it is the actor recorded on every event;
/// - no "crit" header: RFC 7515 4.1.11 makes a token naming extensions the recipient does not process invalid, this
///   application processes none, and Microsoft.IdentityModel's JsonWebTokenHandler ignores "crit" (it only defines the name);
/// - a lifetime (exp - iat, or exp - nbf without iat) no longer than the configured maximum, so a leaked token does not
///   stay good for months.
/// </summary>
public static class TokenRules
{
    /// <returns>Why the token is refused, or null when it is accepted.</returns>
    public static string? Refusal(JsonWebToken token, ClaimsPrincipal principal, TimeSpan maxLifetime)
    {
        var subjects = principal.FindAll(ClaimNames.Subject).ToList();
        if (subjects.Count == 0) return "The token has no subject (sub).";
        if (subjects.Count > 1 || string.IsNullOrWhiteSpace(subjects[0].Value)) return "The token's subject (sub) must be one non-blank string.";

        if (HasCriticalHeader(token)) return "The token has a crit header, and this server processes no header extensions.";

        var start = token.IssuedAt != DateTime.MinValue ? token.IssuedAt : token.ValidFrom != DateTime.MinValue ? token.ValidFrom : (DateTime?)null;
        if (start is null) return "The token says neither when it was issued (iat) nor from when it is valid (nbf).";
        if (token.ValidTo - start.Value > maxLifetime)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"The token lives longer than the {maxLifetime.TotalMinutes:0} minutes this server accepts (exp - {(token.IssuedAt != DateTime.MinValue ? "iat" : "nbf")}).");
        }
        return null;
    }

    /// <summary>Read from the header as signed, so a "crit" of any shape (even an empty list) counts.</summary>
    private static bool HasCriticalHeader(JsonWebToken token)
    {
        using var header = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(token.EncodedHeader));
        return header.RootElement.TryGetProperty("crit", out _);
    }
}
