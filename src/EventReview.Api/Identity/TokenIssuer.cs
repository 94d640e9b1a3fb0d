using System.Security.Claims;
using EventReview.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EventReview.Identity;

/// <summary>Mints bearer tokens with the local signing key, for development, tests and scripted clients.</summary>
public static class TokenIssuer
{
    public static string Mint(AuthOptions auth, SecurityKey key, string userId, string name, TimeSpan lifetime, DateTime? now = null)
    {
        if (string.IsNullOrWhiteSpace(userId)) throw new ArgumentException("A user id is required.", nameof(userId));
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A printed name is required.", nameof(name));
        if (lifetime > auth.MaxTokenLifetime)
            throw new ArgumentOutOfRangeException(nameof(lifetime), $"A token may live at most {auth.MaxTokenLifetimeMinutes} minutes (EventReview:Auth:MaxTokenLifetimeMinutes).");

        var issuedAt = now ?? DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = auth.LocalIssuer,
            Audience = auth.Audience,
            IssuedAt = issuedAt,
            NotBefore = issuedAt.AddMinutes(-1),
            Expires = issuedAt + lifetime,
            Subject = new ClaimsIdentity([new Claim(ClaimNames.Subject, userId), new Claim(ClaimNames.Name, name)]),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}

public static class ClaimNames
{
    public const string Subject = "sub";
    public const string Name = "name";
}
