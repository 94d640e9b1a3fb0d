using System.Text.Json;
using EventReview.Tests.DecisionImports;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.Cli;

public class ImportDecisionsCommandTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_command_imports_a_rayyan_export_once_and_refuses_a_file_it_cannot_read()
    {
        var lead = "cli-lead-" + Guid.NewGuid().ToString("N")[..8];
        var export = DecisionImportClient.File("rayyan_tinea_export.zip");
        var db = CliProcess.For(app.ConnectionString);

        var first = await CliProcess.RunAsync(db, "import-decisions", "--format", "rayyan", "--lead", lead, export);
        var again = await CliProcess.RunAsync(db, "import-decisions", "--format", "rayyan", "--lead", lead, export);
        var wrong = await CliProcess.RunAsync(db, "import-decisions", "--format", "rayyan", "--lead", lead,
            DecisionImportClient.File("asreview", "generic_labels.csv"));

        first.ExitCode.ShouldBe(0, first.Stderr);
        var summary = JsonDocument.Parse(first.Stdout).RootElement;
        // As RayyanImportTests counts them: 14 records, 2 reviewers, 19 votes.
        (summary.GetProperty("records").GetInt32(), summary.GetProperty("members").GetInt32(), summary.GetProperty("votes").GetInt32()).ShouldBe((14, 2, 19));
        JsonDocument.Parse(again.Stdout).RootElement.GetProperty("alreadyImported").GetBoolean().ShouldBeTrue();
        wrong.ExitCode.ShouldBe(1);
        JsonDocument.Parse(wrong.Stdout).RootElement.GetProperty("errors")[0].GetProperty("line").GetInt32().ShouldBe(1);
    }
}
