using System.Text.Json;
using EventReview.Tests.Infrastructure;
using Npgsql;
using Shouldly;

namespace EventReview.Tests.Cli;

/// <summary>Its own database: a rebuild touches every projection of the store.</summary>
public class RebuildCommandFixture : AppFixture;

public class RebuildCommandTests(RebuildCommandFixture app) : IClassFixture<RebuildCommandFixture>
{
    [Fact]
    public async Task Rebuild_runs_as_the_application_role_and_changes_no_fingerprint()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        await PrismaDerivation.RandomHistory.RunAsync(review, records: 10, seed: 31);
        var restricted = new NpgsqlConnectionStringBuilder(app.ConnectionString) { Username = AppFixture.ApplicationRole }.ConnectionString;
        var environment = CliProcess.For(restricted);
        environment["EventReview__ApplySchemaOnStartup"] = "false";

        var result = await CliProcess.RunAsync(environment, "rebuild");

        result.ExitCode.ShouldBe(0, result.Stderr);
        JsonDocument.Parse(result.Stdout).RootElement.GetProperty("identical").GetBoolean().ShouldBeTrue();
    }
}
