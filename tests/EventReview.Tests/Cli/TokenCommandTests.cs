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
}
