using System.Text.Json;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.Cli;

/// <summary>Export a review, import it into an empty database elsewhere, and get identical results.</summary>
public class PortableLogTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_review_exported_and_imported_into_an_empty_database_gives_identical_fingerprints_prisma_and_agreement()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        await PrismaDerivation.RandomHistory.RunAsync(review, records: 25, seed: 5);
        await review.OkAsync(review.Lead, HttpMethod.Post, "/signatures", new { scope = "title-abstract", meaning = "approval" });
        var log = Path.Combine(Path.GetTempPath(), $"review-{review.ReviewId}.ndjson");
        var source = CliProcess.For(app.ConnectionString);

        (await CliProcess.RunAsync(source, "verify", "--review", review.ReviewId.ToString())).ExitCode.ShouldBe(0);
        var export = await CliProcess.RunAsync(source, "export", "--review", review.ReviewId.ToString(), "--out", log);
        export.ExitCode.ShouldBe(0, export.Stderr);

        var target = new AppFixture();
        await target.InitializeAsync();
        try
        {
            var imported = await CliProcess.RunAsync(CliProcess.For(target.ConnectionString), "import-log", log);
            imported.ExitCode.ShouldBe(0, imported.Stderr);
            var report = JsonDocument.Parse(imported.Stdout).RootElement;
            report.GetProperty("sourceHead").GetString().ShouldBe(report.GetProperty("importedHead").GetString());

            var sourceFingerprints = await Rebuild.ProjectionFingerprints.ComputeAsync(Npgsql.NpgsqlDataSource.Create(app.ConnectionString), review.ReviewId, default);
            report.GetProperty("fingerprints").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString())
                .ShouldBe(sourceFingerprints.ToDictionary(kv => kv.Key, kv => (string?)kv.Value));

            var there = new ReviewScenario(target, review.ReviewId, review.Lead[5..]);
            (await there.GetJsonAsync(review.Lead, "/prisma")).GetRawText().ShouldBe((await review.GetJsonAsync(review.Lead, "/prisma")).GetRawText());
            (await there.GetJsonAsync(review.Lead, "/agreement")).GetRawText().ShouldBe((await review.GetJsonAsync(review.Lead, "/agreement")).GetRawText());
            (await there.GetJsonAsync(review.Lead, "/verification")).GetProperty("intact").GetBoolean().ShouldBeTrue();
        }
        finally
        {
            await target.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_broken_log_is_refused_and_nothing_is_imported()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        await review.RecordsAsync(3);
        var log = Path.Combine(Path.GetTempPath(), $"broken-{review.ReviewId}.ndjson");
        (await CliProcess.RunAsync(CliProcess.For(app.ConnectionString), "export", "--review", review.ReviewId.ToString(), "--out", log)).ExitCode.ShouldBe(0);
        var lines = await File.ReadAllLinesAsync(log);
        lines[^1] = lines[^1].Replace("study number", "study NUMBER", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(log, lines);

        var result = await CliProcess.RunAsync(CliProcess.For(app.ConnectionString), "import-log", log);

        result.ExitCode.ShouldNotBe(0);
        result.StderrLines.ShouldHaveSingleItem().ShouldContain("not imported");
    }
}
