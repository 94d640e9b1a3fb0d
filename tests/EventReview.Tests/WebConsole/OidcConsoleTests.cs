using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Shouldly;

namespace EventReview.Tests.WebConsole;

/// <summary>The console application with an OIDC authority configured: the test's own provider, on another port.</summary>
public sealed class OidcConsoleHost : ConsoleHost
{
    public TestOidcProvider Provider { get; private set; } = null!;

    protected override Dictionary<string, string?> Settings => new()
    {
        ["EventReview:Auth:Authority"] = Provider.Issuer,
        ["EventReview:Auth:ConsoleClientId"] = TestOidcProvider.ClientId,
        ["EventReview:Auth:RequireHttpsMetadata"] = "false",
    };

    public override async ValueTask InitializeAsync()
    {
        Provider = await TestOidcProvider.StartAsync();
        await base.InitializeAsync();
    }

    /// <summary>No seed review: local tokens are not accepted once an authority is set, so data is arranged with the provider's.</summary>
    protected override Task ArrangeAsync(IServiceProvider services) => Task.CompletedTask;

    public HttpClient ProviderClient(string userId, string name)
    {
        var client = new HttpClient { BaseAddress = BaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Provider.Mint(userId, name));
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Provider is not null) await Provider.DisposeAsync();
    }
}

/// <summary>Signing in to the console through an OIDC provider: authorization code with PKCE, in a real browser.</summary>
public sealed class OidcConsoleTests(OidcConsoleHost host) : IClassFixture<OidcConsoleHost>
{
    [Fact]
    public async Task Console_reads_how_to_sign_in_from_its_config_and_names_no_secret()
    {
        using var anonymous = new HttpClient { BaseAddress = host.BaseUrl };
        var config = await anonymous.GetFromJsonAsync<JsonElement>("/console/config.json", TestContext.Current.CancellationToken);

        config.ToString().ShouldBe($$"""{"authority":"{{host.Provider.Issuer}}","clientId":"eventreview-console","audience":"eventreview","tokenForm":false}""");
    }

    [Fact]
    public async Task User_signs_in_at_the_provider_sees_their_reviews_and_signs_out_there_too()
    {
        var title = $"Review behind OIDC {Guid.NewGuid():N}";
        using (var lead = host.ProviderClient(TestOidcProvider.UserId, TestOidcProvider.UserName))
            (await lead.PostAsJsonAsync("/api/reviews", new { title }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var exchanges = host.Provider.Exchanges;
        var context = await host.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(host.BaseUrl.ToString());
        (await page.GetByLabel("Token").CountAsync()).ShouldBe(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = "Your reviews" }).WaitForAsync();
        await ConsoleHost.ShotAsync(page, "oidc-reviews");
        (await page.Locator("ul.reviews li").Filter(new() { HasText = title }).InnerTextAsync()).ShouldBe($"{title} — lead");
        host.Provider.Exchanges.ShouldBe(exchanges + 1);
        // The code is gone from the address; the access token is in this tab's session storage and nowhere else.
        new Uri(page.Url).Query.ShouldBeEmpty();
        var stored = await page.EvaluateAsync<string?>("() => sessionStorage.getItem('eventreview.token')");
        stored.ShouldNotBeNull().Split('.').Length.ShouldBe(3);
        (await context.CookiesAsync()).ShouldBeEmpty();
        (await page.EvaluateAsync<int>("() => localStorage.length")).ShouldBe(0);

        var signOuts = host.Provider.SignOuts;
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" }).WaitForAsync();
        host.Provider.SignOuts.ShouldBe(signOuts + 1);
        (await page.EvaluateAsync<string?>("() => sessionStorage.getItem('eventreview.token')")).ShouldBeNull();
        await context.CloseAsync();
    }

    [Fact]
    public async Task A_code_coming_back_without_this_tabs_state_is_not_exchanged()
    {
        var exchanges = host.Provider.Exchanges;
        var context = await host.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(host.BaseUrl + "?code=stolen&state=forged");

        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("does not belong to this sign-in");
        host.Provider.Exchanges.ShouldBe(exchanges);
        new Uri(page.Url).Query.ShouldBeEmpty();
        await context.CloseAsync();
    }
}
