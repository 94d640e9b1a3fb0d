using EventReview.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace EventReview.Identity;

public static class AuthenticationSetup
{
    /// <summary>
    /// JWT bearer for every route: an OIDC authority when configured, else tokens signed with the local key.
    /// The claims keep their JWT names ("sub", "name") so the actor is read the same way in both cases.
    /// </summary>
    public static IServiceCollection AddEventReviewAuthentication(this IServiceCollection services, AuthOptions auth, string dataDirectory)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                NameClaimType = ClaimNames.Subject,
                ValidAudience = auth.Audience,
                ClockSkew = TimeSpan.FromSeconds(30),
                RequireExpirationTime = true,
            };
            if (!string.IsNullOrWhiteSpace(auth.Authority))
            {
                jwt.Authority = auth.Authority;
                jwt.Audience = auth.Audience;
            }
            else
            {
                jwt.TokenValidationParameters.ValidIssuer = auth.LocalIssuer;
                jwt.TokenValidationParameters.IssuerSigningKey = LocalSigningKey.Load(auth, dataDirectory);
            }
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim(ClaimNames.Subject).Build());
        return services;
    }
}
