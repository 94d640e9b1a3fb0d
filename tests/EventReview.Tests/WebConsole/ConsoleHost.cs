using System.Net.Http.Headers;
using System.Net.Http.Json;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Seed;
using EventReview.Tests.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Playwright;
using Npgsql;
using Shouldly;

namespace EventReview.Tests.WebConsole;

/// <summary>
/// The real application on a real port (Kestrel: the browser cannot reach an in-memory test server), its own database
/// with the seed review loaded, and one headless Debian chromium shared by the class's tests.
/// </summary>
public class ConsoleHost : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    public const string Auditor = "console-auditor";

    private WebApplication app = null!;
    private IPlaywright playwright = null!;
    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseUrl { get; private set; } = null!;
    public Guid SeedReview { get; private set; }

    /// <summary>Artifacts, not sources: the repository ignores TestResults.</summary>
    public static string Screenshots => TestData.Path("..", "..", "TestResults", "screenshots");

    /// <summary>Settings over the test defaults (a host signing in with an OIDC provider sets its authority).</summary>
    protected virtual Dictionary<string, string?> Settings => [];

    public virtual async ValueTask InitializeAsync()
    {
        var purpose = GetType().Name;
        var owner = await TestDatabase.CreateMigratedAsync(purpose);
        var restricted = new NpgsqlConnectionStringBuilder(owner) { Username = AppFixture.ApplicationRole }.ConnectionString;
        var builder = await EventReviewApp.CreateBuilderAsync([], b => b.Configuration
            .AddInMemoryCollection(AppFixture.SettingsFor(restricted, purpose, applySchema: false)).AddInMemoryCollection(Settings));
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        EventReviewApp.Configure(app);
        await app.StartAsync();
        BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        await ArrangeAsync(app.Services);

        File.Exists(Chromium).ShouldBeTrue("ops/install-prerequisites.sh installs Debian's chromium");
        Directory.CreateDirectory(Screenshots);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
    }

    /// <summary>The seed review, and an auditor in it.</summary>
    protected virtual async Task ArrangeAsync(IServiceProvider services)
    {
        SeedReview = (await SeedLoader.LoadAsync(services.GetRequiredService<IDocumentStore>(), null, CancellationToken.None)).ReviewId;
        (await Client(SeedMembers.Lead.Id).PostAsJsonAsync($"/api/reviews/{SeedReview}/members",
            new { userId = Auditor, name = "Console Auditor", roles = new[] { "auditor" } })).EnsureSuccessStatusCode();
    }

    public static string Token(string userId, string? name = null) =>
        TokenIssuer.Mint(new AuthOptions { SigningKey = AppFixture.SigningKey },
            new SymmetricSecurityKey(Convert.FromBase64String(AppFixture.SigningKey)) { KeyId = "local" }, userId, name ?? userId, TimeSpan.FromHours(1));

    /// <summary>Plain HTTP as the given user, to arrange what a test's browser then looks at.</summary>
    public HttpClient Client(string userId, string? name = null)
    {
        var client = new HttpClient { BaseAddress = BaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(userId, name));
        return client;
    }

    /// <summary>A fresh tab (its own session storage), signed in through the form as a person would.</summary>
    public async Task<IPage> SignInAsync(string userId, string? name = null, int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(BaseUrl.ToString());
        await page.GetByLabel("Token").FillAsync(Token(userId, name));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Your reviews" }).WaitForAsync();
        return page;
    }

    public static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    public virtual async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        if (app is not null) { await app.StopAsync(); await app.DisposeAsync(); }
    }
}
