using System.Net;
using EventReview.Hosting;
using Microsoft.Extensions.Configuration;
using Shouldly;

namespace EventReview.Tests.Security;

/// <summary>An application that lets each user make three requests a minute.</summary>
public sealed class TinyRateLimitApp : ConfiguredApp
{
    public const int PermitLimit = 3;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["EventReview:RateLimit:PermitLimit"] = PermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["EventReview:RateLimit:Window"] = "00:01:00",
    };
}

/// <summary>Rate limiting per user (the token's subject): 429 with problem details and Retry-After, others unaffected.</summary>
public class RateLimitTests(TinyRateLimitApp app) : IClassFixture<TinyRateLimitApp>
{
    [Fact]
    public async Task A_user_over_the_limit_gets_429_with_problem_details_and_Retry_After()
    {
        using var client = app.ClientFor("busy-" + Guid.NewGuid().ToString("N"));
        for (var i = 0; i < TinyRateLimitApp.PermitLimit; i++)
            (await client.GetAsync(new Uri("/api/reviews", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var refused = await client.GetAsync(new Uri("/api/reviews", UriKind.Relative));

        await refused.ShouldBeProblemDetailsAsync(429);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        retryAfter.ShouldNotBeNull();
        retryAfter.Value.ShouldBeInRange(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task The_limit_counts_each_user_separately()
    {
        using var busy = app.ClientFor("busy-" + Guid.NewGuid().ToString("N"));
        for (var i = 0; i <= TinyRateLimitApp.PermitLimit; i++) await busy.GetAsync(new Uri("/api/reviews", UriKind.Relative));
        (await busy.GetAsync(new Uri("/api/reviews", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        using var other = app.ClientFor("calm-" + Guid.NewGuid().ToString("N"));
        (await other.GetAsync(new Uri("/api/reviews", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Every_route_counts_towards_the_same_limit_including_refused_writes()
    {
        using var client = app.ClientFor("mixed-" + Guid.NewGuid().ToString("N"));
        await client.GetAsync(new Uri("/api/reviews", UriKind.Relative));
        await client.GetAsync(new Uri($"/api/reviews/{Guid.NewGuid()}", UriKind.Relative));
        await client.PostAsync(new Uri($"/api/reviews/{Guid.NewGuid()}/deduplication", UriKind.Relative), null);

        await (await client.PostAsync(new Uri($"/api/reviews/{Guid.NewGuid()}/deduplication", UriKind.Relative), null)).ShouldBeProblemDetailsAsync(429);
    }

    [Fact]
    public async Task Health_checks_without_a_token_are_never_limited()
    {
        using var anonymous = app.Host.Server.CreateClient();

        for (var i = 0; i < TinyRateLimitApp.PermitLimit * 3; i++)
            (await anonymous.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void The_default_limit_is_generous_and_on()
    {
        var defaults = new ConfigurationBuilder().Build().GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();

        defaults.Enabled.ShouldBeTrue();
        (defaults.PermitLimit / defaults.Window.TotalSeconds).ShouldBeGreaterThanOrEqualTo(100);
    }
}
