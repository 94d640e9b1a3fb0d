using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using EventReview.Identity;
using EventReview.Tests.Infrastructure;
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

    private async Task<HttpStatusCode> GetReviewsWith(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/reviews");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await Anonymous.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode;
    }
}
