using EventReview.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EventReview.Identity;

public static class AuthenticationSetup
{
    /// <summary>
    /// JWT bearer for every route: an OIDC authority when configured, else tokens signed with the local key.
    /// The claims keep their JWT names ("sub", "name") so the actor is read the same way in both cases.
    /// </summary>
    public static IServiceCollection AddEventReviewAuthentication(this IServiceCollection services, AuthOptions auth, string dataDirectory, bool sharedStore)
    {
        if (auth.MaxTokenLifetimeMinutes < 1) throw new InvalidOperationException("EventReview:Auth:MaxTokenLifetimeMinutes must be at least 1.");
        if (auth.SignatureFreshnessMinutes < 1) throw new InvalidOperationException("EventReview:Auth:SignatureFreshnessMinutes must be at least 1.");
        // Loaded now, not at the first request, so a missing shared key stops the start with its message.
        var localKey = string.IsNullOrWhiteSpace(auth.Authority) ? LocalSigningKey.Load(auth, dataDirectory, sharedStore) : null;
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
            jwt.Events = new JwtBearerEvents { OnTokenValidated = context => CheckRules(context, auth.MaxTokenLifetime), OnChallenge = ExplainRefusal };
            if (!string.IsNullOrWhiteSpace(auth.Authority))
            {
                jwt.Authority = auth.Authority;
                jwt.RequireHttpsMetadata = auth.RequireHttpsMetadata;
                jwt.Audience = auth.Audience;
            }
            else
            {
                jwt.TokenValidationParameters.ValidIssuer = auth.LocalIssuer;
                jwt.TokenValidationParameters.IssuerSigningKey = localKey;
            }
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim(ClaimNames.Subject).Build());
        return services;
    }

    private const string RefusalKey = "EventReview.TokenRefusal";

    private static Task CheckRules(TokenValidatedContext context, TimeSpan maxLifetime)
    {
        var refusal = context.SecurityToken is JsonWebToken token
            ? TokenRules.Refusal(token, context.Principal!, maxLifetime)
            : "The token is not a JSON web token.";
        if (refusal is not null)
        {
            context.HttpContext.Items[RefusalKey] = refusal;
            context.Fail(refusal);
        }
        return Task.CompletedTask;
    }

    /// <summary>A token refused by <see cref="TokenRules"/> gets its reason in the 401's problem details and WWW-Authenticate.</summary>
    private static async Task ExplainRefusal(JwtBearerChallengeContext context)
    {
        if (context.HttpContext.Items[RefusalKey] is not string refusal) return;
        context.HandleResponse();
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = $"Bearer error=\"invalid_token\", error_description=\"{refusal}\"";
        await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = "Unauthorized", Detail = refusal },
        });
    }
}
