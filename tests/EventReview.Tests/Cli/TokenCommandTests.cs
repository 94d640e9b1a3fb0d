using EventReview.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Shouldly;

namespace EventReview.Tests.Cli;

public class TokenCommandTests
{
    private static Dictionary<string, string> Environment(int? maxMinutes = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["EventReview__Auth__SigningKey"] = AppFixture.SigningKey,
            ["EventReview__DataDirectory"] = Path.Combine(Path.GetTempPath(), "eventreview-tests", nameof(TokenCommandTests)),
        };
        if (maxMinutes is { } max) environment["EventReview__Auth__MaxTokenLifetimeMinutes"] = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return environment;
    }

    [Fact]
    public async Task A_token_lives_480_minutes_unless_told_otherwise()
    {
        var result = await CliProcess.RunAsync(Environment(), "token", "--user", "cli-user", "--name", "Cli User");

        result.ExitCode.ShouldBe(0, result.Stderr);
        var token = new JsonWebToken(result.Stdout.Trim());
        (token.Subject, token.ValidTo - token.IssuedAt).ShouldBe(("cli-user", TimeSpan.FromMinutes(480)));
    }

    [Fact]
    public async Task Minutes_above_the_maximum_lifetime_fail_with_one_line()
    {
        var result = await CliProcess.RunAsync(Environment(), "token", "--user", "cli-user", "--name", "Cli User", "--minutes", "1441");

        result.ExitCode.ShouldNotBe(0);
        result.Stdout.ShouldBeEmpty();
        result.StderrLines.ShouldHaveSingleItem().ShouldBe("eventreview: --minutes must be between 1 and 1440 (EventReview:Auth:MaxTokenLifetimeMinutes).");
    }

    [Fact]
    public async Task A_configured_maximum_bounds_both_the_default_and_the_minutes_asked_for()
    {
        var refused = await CliProcess.RunAsync(Environment(maxMinutes: 60), "token", "--user", "cli-user", "--name", "Cli User", "--minutes", "61");
        var byDefault = await CliProcess.RunAsync(Environment(maxMinutes: 60), "token", "--user", "cli-user", "--name", "Cli User");

        refused.ExitCode.ShouldNotBe(0);
        refused.StderrLines.ShouldHaveSingleItem().ShouldContain("between 1 and 60");
        byDefault.ExitCode.ShouldBe(0, byDefault.Stderr);
        var token = new JsonWebToken(byDefault.Stdout.Trim());
        (token.ValidTo - token.IssuedAt).ShouldBe(TimeSpan.FromMinutes(60));
    }

    [Fact]
    public async Task Auth_time_is_now_unless_given_and_a_given_time_is_written_as_is()
    {
        var byDefault = await CliProcess.RunAsync(Environment(), "token", "--user", "cli-user", "--name", "Cli User");
        var given = await CliProcess.RunAsync(Environment(), "token", "--user", "cli-user", "--name", "Cli User", "--auth-time", "2026-03-02T09:30:00Z");

        byDefault.ExitCode.ShouldBe(0, byDefault.Stderr);
        var fresh = new JsonWebToken(byDefault.Stdout.Trim());
        fresh.GetPayloadValue<long>("auth_time").ShouldBe(new DateTimeOffset(fresh.IssuedAt).ToUnixTimeSeconds());
        given.ExitCode.ShouldBe(0, given.Stderr);
        // 2026-03-02T09:30:00Z is 1772443800 seconds after the Unix epoch.
        new JsonWebToken(given.Stdout.Trim()).GetPayloadValue<long>("auth_time").ShouldBe(1_772_443_800L);
    }

    [Theory]
    [InlineData("2999-01-01T00:00:00Z", "eventreview: --auth-time cannot be in the future: nobody has authenticated then yet.")]
    [InlineData("2026-03-02T09:30:00", "eventreview: --auth-time must be an ISO-8601 UTC time such as 2026-12-06T09:00:00Z, not '2026-03-02T09:30:00'.")]
    [InlineData("2026-03-02T10:30:00+01:00", "eventreview: --auth-time must be an ISO-8601 UTC time such as 2026-12-06T09:00:00Z, not '2026-03-02T10:30:00+01:00'.")]
    [InlineData("yesterday", "eventreview: --auth-time must be an ISO-8601 UTC time such as 2026-12-06T09:00:00Z, not 'yesterday'.")]
    public async Task An_auth_time_in_the_future_or_not_in_utc_fails_with_one_line(string authTime, string message)
    {
        var result = await CliProcess.RunAsync(Environment(), "token", "--user", "cli-user", "--name", "Cli User", "--auth-time", authTime);

        result.ExitCode.ShouldNotBe(0);
        result.Stdout.ShouldBeEmpty();
        result.StderrLines.ShouldHaveSingleItem().ShouldBe(message);
    }
}
