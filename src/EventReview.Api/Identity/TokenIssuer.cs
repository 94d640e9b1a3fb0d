using System.Security.Claims;
using EventReview.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EventReview.Identity;

/// <summary>Mints bearer tokens with the local signing key, for development, tests and scripted clients.</summary>
public static class TokenIssuer
{
    public static string Mint(AuthOptions auth, SecurityKey key, string userId, string name, TimeSpan lifetime, DateTime? now = null,
        DateTime? authTime = null)
    {
        if (string.IsNullOrWhiteSpace(userId)) throw new ArgumentException("A user id is required.", nameof(userId));
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A printed name is required.", nameof(name));
        if (lifetime > auth.MaxTokenLifetime)
            throw new ArgumentOutOfRangeException(nameof(lifetime), $"A token may live at most {auth.MaxTokenLifetimeMinutes} minutes (EventReview:Auth:MaxTokenLifetimeMinutes).");

        var issuedAt = now ?? DateTime.UtcNow;
        // auth_time (OIDC Core 2) says when the user last proved who they are; signing asks for a recent one.
        var authenticatedAt = authTime ?? issuedAt;
        if (authenticatedAt > issuedAt) throw new ArgumentOutOfRangeException(nameof(authTime), "The authentication time cannot be later than the token's issue time.");
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = auth.LocalIssuer,
            Audience = auth.Audience,
            IssuedAt = issuedAt,
            NotBefore = issuedAt.AddMinutes(-1),
            Expires = issuedAt + lifetime,
            Subject = new ClaimsIdentity([new Claim(ClaimNames.Subject, userId), new Claim(ClaimNames.Name, name)]),
            Claims = new Dictionary<string, object> { [ClaimNames.AuthTime] = new DateTimeOffset(authenticatedAt, TimeSpan.Zero).ToUnixTimeSeconds() },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}

public static class ClaimNames
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string AuthTime = "auth_time";
}
