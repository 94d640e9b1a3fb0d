using System.Text.Json;
using EventReview.Tests.Infrastructure;
using EventReview.Tests.Parsing;
using Shouldly;

namespace EventReview.Tests.Cli;

public class ParseAndAgreementCommandTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Parse_writes_one_json_record_per_line_and_a_summary_last_on_stderr()
    {
        // SOURCES.md: the Scopus restoration export holds 286 records.
        var result = await CliProcess.RunAsync(null, "parse", Corpus.Bib("ris/scopus_restoration_revtools.ris"));

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(286);
        var summary = JsonDocument.Parse(result.StderrLines[^1]).RootElement;
        summary.GetProperty("format").GetString().ShouldBe("ris");
        summary.GetProperty("records").GetInt32().ShouldBe(286);
        summary.GetProperty("errors").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Parse_of_a_missing_file_fails_with_one_line()
    {
        var result = await CliProcess.RunAsync(null, "parse", "/no/such/file.ris");

        result.ExitCode.ShouldNotBe(0);
        result.StderrLines.ShouldHaveSingleItem().ShouldStartWith("eventreview: ");
    }

    [Fact]
    public async Task Agreement_on_bad_input_fails_with_one_line()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "item,rater,label\n1,a,yes\n1,a,no\n");

        var result = await CliProcess.RunAsync(null, "agreement", file);

        result.ExitCode.ShouldNotBe(0);
        result.StderrLines.ShouldHaveSingleItem().ShouldStartWith("eventreview: ");
    }

    [Fact]
    public async Task The_apis_agreement_equals_the_clis_on_the_same_votes_exported_as_csv()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var ids = await review.RecordsAsync(12);
        var random = new Random(7);
        foreach (var id in ids)
        {
            var first = random.Next(3) == 0 ? "exclude" : "include";
            var second = random.Next(4) == 0 ? (first == "include" ? "exclude" : "include") : first;
            await review.VoteAsync(review.S1, id, first, reasonCode: first == "exclude" ? "wrong-population" : null);
            await review.VoteAsync(review.S2, id, second, reasonCode: second == "exclude" ? "wrong-population" : null);
        }
        var api = await review.GetJsonAsync(review.Lead, "/agreement?stage=title-abstract");
        var csv = "item,rater,label\n" + string.Join("", (await review.GetJsonAsync(review.Lead, "/records?pageSize=1000")).GetProperty("records")
            .EnumerateArray().SelectMany(r => r.GetProperty("titleAbstract").GetProperty("firstVotes").EnumerateArray()
                .Select(v => $"{r.GetProperty("id").GetString()},{v.GetProperty("reviewerId").GetString()},{v.GetProperty("decision").GetString()}\n")));
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, csv);

        var cli = await CliProcess.RunAsync(null, "agreement", file);

        cli.ExitCode.ShouldBe(0, cli.Stderr);
        var fromCli = JsonDocument.Parse(cli.Stdout).RootElement;
        foreach (var path in new[] { "percentAgreement", "cohenKappa.value", "cohenKappa.se", "fleissKappa.value", "krippendorffAlpha.value", "gwetAc1.value", "pabak.value" })
            Number(fromCli, path).ShouldBe(Number(api, path), 1e-12, path);
        api.GetProperty("items").GetInt32().ShouldBe(12);
    }

    private static double Number(JsonElement root, string path) =>
        path.Split('.').Aggregate(root, (e, key) => e.GetProperty(key)).GetDouble();
}
