using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Alba;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Shouldly;

namespace EventReview.Tests.Security;

/// <summary>
/// The real application on a database of its own, as <see cref="AppFixture"/> builds it, with some settings changed
/// for one test class (a small upload cap, a tiny rate limit) so no other class ever meets them.
/// </summary>
public abstract class ConfiguredApp : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;

    /// <summary>The settings this test class changes, on top of those every test host gets.</summary>
    protected abstract IReadOnlyDictionary<string, string?> Settings { get; }

    public async ValueTask InitializeAsync()
    {
        var purpose = GetType().Name;
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:" + EventReviewApp.ConnectionStringName] = await TestDatabase.CreateAsync(purpose),
            ["EventReview:Auth:SigningKey"] = AppFixture.SigningKey,
            ["EventReview:DataDirectory"] = Path.Combine(Path.GetTempPath(), "eventreview-tests", purpose),
            ["EventReview:LoadSeedOnFirstStart"] = "false",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in Settings) settings[key] = value;
        var builder = await EventReviewApp.CreateBuilderAsync([], b => b.Configuration.AddInMemoryCollection(settings));
        Host = await AlbaHost.For(builder, EventReviewApp.Configure);
    }

    public async ValueTask DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    public HttpClient ClientFor(string userId)
    {
        var client = Host.Server.CreateClient();
        var auth = new AuthOptions { SigningKey = AppFixture.SigningKey };
        var key = new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(Convert.FromBase64String(AppFixture.SigningKey)) { KeyId = "local" };
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", TokenIssuer.Mint(auth, key, userId, userId, TimeSpan.FromHours(1)));
        return client;
    }

    /// <summary>A new review led by <paramref name="lead"/> with one search; returns both ids.</summary>
    public async Task<(Guid Review, Guid Search)> ReviewWithSearchAsync(string lead)
    {
        using var client = ClientFor(lead);
        var ct = TestContext.Current.CancellationToken;
        var review = await IdOfAsync(await client.PostAsJsonAsync("/api/reviews", new { title = "Limits" }, ct));
        var search = await IdOfAsync(await client.PostAsJsonAsync($"/api/reviews/{review}/searches",
            new { source = "PubMed", kind = "database", query = "q", searchedOn = "2025-01-01" }, ct));
        return (review, search);
    }

    private static async Task<Guid> IdOfAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(201, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }
}
