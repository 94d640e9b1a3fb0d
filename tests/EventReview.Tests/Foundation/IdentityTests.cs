using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using EventReview.Identity;
using EventReview.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Shouldly;

namespace EventReview.Tests.Foundation;

public class IdentityTests(AppFixture app) : IClassFixture<AppFixture>
{
    private HttpClient Anonymous => app.Host.Server.CreateClient();

    [Fact]
    public async Task A_request_without_a_token_gets_401_problem_details()
    {
        var response = await Anonymous.GetAsync(new Uri("/api/reviews", UriKind.Relative), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        body.RootElement.GetProperty("status").GetInt32().ShouldBe(401);
    }

    [Fact]
    public async Task A_minted_token_lists_the_callers_reviews()
    {
        var response = await app.ClientFor("identity-reader").GetAsync(new Uri("/api/reviews", UriKind.Relative), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_expired_token_gets_401()
    {
        var expired = TokenIssuer.Mint(app.Auth, app.Key, "late", "Late User", TimeSpan.FromMinutes(5), DateTime.UtcNow.AddHours(-2));

        (await GetReviewsWith(expired)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_gets_401()
    {
        var otherKey = new SymmetricSecurityKey(new byte[32]) { KeyId = "local" };
        var forged = TokenIssuer.Mint(app.Auth, otherKey, "forger", "Forger", TimeSpan.FromMinutes(5));

        (await GetReviewsWith(forged)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_for_another_audience_gets_401()
    {
        var otherAudience = new EventReview.Hosting.AuthOptions { SigningKey = AppFixture.SigningKey, Audience = "someone-else" };
        var token = TokenIssuer.Mint(otherAudience, app.Key, "stranger", "Stranger", TimeSpan.FromMinutes(5));

        (await GetReviewsWith(token)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_without_a_subject_gets_401_problem_details()
    {
        var token = Signed(d => d.Claims.Remove("sub"));

        await (await SendWith(token)).ShouldBeRefusedAsync("no subject");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\n")]
    public async Task A_token_with_a_blank_subject_gets_401_problem_details(string subject)
    {
        var token = Signed(d => d.Claims["sub"] = subject);

        await (await SendWith(token)).ShouldBeRefusedAsync("subject");
    }

    [Fact]
    public async Task A_token_with_two_subjects_gets_401_problem_details()
    {
        var token = Signed(d => d.Claims["sub"] = new[] { "alice", "bob" });

        // JsonWebTokenHandler cannot read a payload whose sub is a list (IDX14101) and refuses it before TokenRules would.
        await (await SendWith(token)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("urn:example:unknown")]
    [InlineData("b64")]
    public async Task A_token_whose_crit_header_names_an_unprocessed_extension_gets_401_problem_details(string extension)
    {
        var token = Signed(d => d.AdditionalHeaderClaims = new Dictionary<string, object> { ["crit"] = new[] { extension }, [extension] = true });

        await (await SendWith(token)).ShouldBeRefusedAsync("crit");
    }

    [Fact]
    public async Task A_token_with_an_empty_crit_header_gets_401_problem_details()
    {
        // RFC 7515 4.1.11: producers must not use an empty list.
        var token = Signed(d => d.AdditionalHeaderClaims = new Dictionary<string, object> { ["crit"] = Array.Empty<string>() });

        await (await SendWith(token)).ShouldBeRefusedAsync("crit");
    }

    [Fact]
    public async Task A_token_living_longer_than_the_maximum_gets_401_problem_details()
    {
        // Valid for the next hour, but issued to live 24 hours and a minute.
        var now = DateTime.UtcNow;
        var token = Signed(d => (d.IssuedAt, d.NotBefore, d.Expires) = (now.AddHours(-23), now.AddHours(-23), now.AddHours(1).AddMinutes(1)));

        await (await SendWith(token)).ShouldBeRefusedAsync("longer than the 1440 minutes");
    }

    [Fact]
    public async Task Without_an_issue_time_the_lifetime_counts_from_not_before()
    {
        var now = DateTime.UtcNow;
        var longLived = Signed(d => (d.IssuedAt, d.NotBefore, d.Expires) = (null, now.AddHours(-30), now.AddHours(1)), defaultTimes: false);
        var shortLived = Signed(d => (d.IssuedAt, d.NotBefore, d.Expires) = (null, now.AddHours(-1), now.AddHours(1)), defaultTimes: false);

        await (await SendWith(longLived)).ShouldBeRefusedAsync("exp - nbf");
        (await SendWith(shortLived)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_of_the_maximum_lifetime_is_accepted()
    {
        var token = TokenIssuer.Mint(app.Auth, app.Key, "long-day", "Long Day", app.Auth.MaxTokenLifetime);

        (await GetReviewsWith(token)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void The_issuer_will_not_mint_a_token_longer_than_the_maximum()
    {
        Should.Throw<ArgumentOutOfRangeException>(() =>
            TokenIssuer.Mint(app.Auth, app.Key, "greedy", "Greedy", app.Auth.MaxTokenLifetime + TimeSpan.FromMinutes(1)));
    }

    /// <summary>A token as the local issuer signs it (subject "shaped", five minutes), changed by <paramref name="shape"/>.</summary>
    private string Signed(Action<SecurityTokenDescriptor> shape, bool defaultTimes = true)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = app.Auth.LocalIssuer,
            Audience = app.Auth.Audience,
            IssuedAt = now,
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["sub"] = "shaped", ["name"] = "Shaped Token" },
            SigningCredentials = new SigningCredentials(app.Key, SecurityAlgorithms.HmacSha256),
        };
        shape(descriptor);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = defaultTimes }.CreateToken(descriptor);
    }

    private async Task<HttpResponseMessage> SendWith(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/reviews");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Anonymous.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private async Task<HttpStatusCode> GetReviewsWith(string token) => (await SendWith(token)).StatusCode;
}

internal static class RefusedTokenAssertions
{
    /// <summary>A 401 in problem details whose detail, like the WWW-Authenticate header, says why.</summary>
    public static async Task ShouldBeRefusedAsync(this HttpResponseMessage response, string reason)
    {
        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        body.GetProperty("status").GetInt32().ShouldBe(401);
        body.GetProperty("detail").GetString()!.ShouldContain(reason);
        response.Headers.WwwAuthenticate.ToString().ShouldContain(reason);
    }
}
