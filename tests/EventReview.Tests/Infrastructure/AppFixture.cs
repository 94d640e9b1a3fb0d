using System.Net.Http.Headers;
using Alba;
using EventReview.Hosting;
using EventReview.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace EventReview.Tests.Infrastructure;

/// <summary>The real application, in memory, on a database of its own.</summary>
public class AppFixture : IAsyncLifetime
{
    /// <summary>A fixed key, so tests can mint tokens exactly as `eventreview token` does.</summary>
    public const string SigningKey = "ZXZlbnRyZXZpZXctdGVzdC1zaWduaW5nLWtleS0zMi1ieXRlcyE=";

    public IAlbaHost Host { get; private set; } = null!;
    public string ConnectionString { get; private set; } = null!;
    public AuthOptions Auth { get; } = new() { SigningKey = SigningKey };
    public SecurityKey Key => new SymmetricSecurityKey(Convert.FromBase64String(SigningKey)) { KeyId = "local" };

    protected virtual string Purpose => GetType().Name;

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateAsync(Purpose);
        var builder = await EventReviewApp.CreateBuilderAsync([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:" + EventReviewApp.ConnectionStringName] = ConnectionString,
            ["EventReview:Auth:SigningKey"] = SigningKey,
            ["EventReview:DataDirectory"] = Path.Combine(Path.GetTempPath(), "eventreview-tests", Purpose),
            ["EventReview:LoadSeedOnFirstStart"] = "false",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        }));
        Host = await AlbaHost.For(builder, EventReviewApp.Configure);
    }

    public async ValueTask DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    public string TokenFor(string userId, string? name = null, TimeSpan? lifetime = null) =>
        TokenIssuer.Mint(Auth, Key, userId, name ?? userId, lifetime ?? TimeSpan.FromHours(1));

    /// <summary>An HTTP client acting as the given user, for tests that read raw responses.</summary>
    public HttpClient ClientFor(string userId, string? name = null)
    {
        var client = Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(userId, name));
        return client;
    }
}
