using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EventReview.Tests.WebConsole;

/// <summary>
/// The smallest OpenID provider the console's sign-in needs, on a port of its own: a discovery document, its RSA key as
/// a JWKS, an authorization endpoint that signs in one fixed user at once, a token endpoint that checks the PKCE
/// verifier against the S256 challenge (RFC 7636 4.6) before it issues an RS256 access token, and an end-session
/// endpoint that counts its calls. Its answers allow any origin, as a provider serving browser clients does.
/// </summary>
public sealed class TestOidcProvider : IAsyncDisposable
{
    public const string ClientId = "eventreview-console";
    public const string UserId = "oidc-lead";
    public const string UserName = "Olive Oidc";

    private readonly RsaSecurityKey key = new(RSA.Create(2048)) { KeyId = "test-rsa" };
    private readonly ConcurrentDictionary<string, (string Challenge, string RedirectUri)> codes = new();
    private WebApplication app = null!;

    public string Issuer { get; private set; } = null!;
    public string Audience { get; init; } = "eventreview";
    private int exchanges;
    private int signOuts;

    /// <summary>Codes exchanged for a token: a code that should not be exchanged leaves it unchanged.</summary>
    public int Exchanges => Volatile.Read(ref exchanges);

    public int SignOuts => Volatile.Read(ref signOuts);

    public static async Task<TestOidcProvider> StartAsync()
    {
        var provider = new TestOidcProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        provider.app = builder.Build();
        provider.Map(provider.app);
        await provider.app.StartAsync();
        provider.Issuer = provider.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return provider;
    }

    /// <summary>An access token as the token endpoint issues it, for arranging data over plain HTTP.</summary>
    public string Mint(string userId, string name) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = Audience,
        Subject = new ClaimsIdentity([new Claim("sub", userId), new Claim("name", name)]),
        IssuedAt = DateTime.UtcNow,
        NotBefore = DateTime.UtcNow,
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
    });

    private void Map(WebApplication web)
    {
        web.Use((context, next) => { context.Response.Headers.AccessControlAllowOrigin = "*"; return next(context); });
        web.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = Issuer + "/authorize",
            ["token_endpoint"] = Issuer + "/token",
            ["end_session_endpoint"] = Issuer + "/logout",
            ["jwks_uri"] = Issuer + "/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["subject_types_supported"] = new[] { "public" },
        }));
        web.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } });
        });
        web.MapGet("/authorize", (HttpRequest r) =>
        {
            var q = r.Query;
            if (q["response_type"] != "code" || q["client_id"] != ClientId || q["code_challenge_method"] != "S256" || string.IsNullOrEmpty(q["code_challenge"]))
                return Results.BadRequest("unsupported authorization request");
            var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
            codes[code] = (q["code_challenge"]!, q["redirect_uri"]!);
            return Results.Redirect($"{q["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(q["state"]!)}");
        });
        web.MapPost("/token", async (HttpRequest r) =>
        {
            var form = await r.ReadFormAsync();
            if (!codes.TryRemove(form["code"].ToString(), out var issued)) return Results.BadRequest(new { error = "invalid_grant" });
            var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString())));
            if (challenge != issued.Challenge || form["redirect_uri"] != issued.RedirectUri || form["client_id"] != ClientId)
                return Results.BadRequest(new { error = "invalid_grant", error_description = "PKCE verifier or redirect does not match" });
            Interlocked.Increment(ref exchanges);
            return Results.Json(new { access_token = Mint(UserId, UserName), token_type = "Bearer", expires_in = 3600 });
        });
        web.MapGet("/logout", (HttpRequest r) =>
        {
            Interlocked.Increment(ref signOuts);
            return Results.Redirect(r.Query["post_logout_redirect_uri"]!);
        });
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        key.Rsa.Dispose();
    }
}
