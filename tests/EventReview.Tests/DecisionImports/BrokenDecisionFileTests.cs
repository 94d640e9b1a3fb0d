using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using EventReview.DecisionImports;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.DecisionImports;

/// <summary>Each kind of broken file is a 422 naming its line, and stores nothing: the review the file would have made does not exist.</summary>
public class BrokenDecisionFileTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static string Ris => System.IO.File.ReadAllText(DecisionImportClient.File("rayyan_tinea", "articles.ris"));
    private static string Log => System.IO.File.ReadAllText(DecisionImportClient.File("rayyan_tinea", "customizations_log.csv"));

    public static byte[] Zip(params (string Name, string Text)[] files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create))
            foreach (var (name, text) in files)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(text));
            }
        return buffer.ToArray();
    }

    public static TheoryData<string, string, int> BrokenFiles => new()
    {
        // The zip cut in half loses its central directory.
        { "truncated-zip", "rayyan", 1 },
        { "log-without-its-columns", "rayyan", 1 },
        // Line 3 of the log is its second data row; article 99999 is not among the 14 records.
        { "row-naming-an-unknown-article", "rayyan", 3 },
        { "row-with-an-unknown-decision", "rayyan", 2 },
        { "zip-without-a-log", "rayyan", 1 },
        { "csv-without-a-label-column", "asreview", 1 },
        { "project-without-results", "asreview", 1 },
    };

    private static byte[] Broken(string kind) => kind switch
    {
        "truncated-zip" => System.IO.File.ReadAllBytes(DecisionImportClient.File("rayyan_tinea_export.zip"))[..2000],
        "log-without-its-columns" => Zip(("articles.ris", Ris), ("customizations_log.csv", "when,who,what\n1,2,3\n")),
        "row-naming-an-unknown-article" => Zip(("articles.ris", Ris), ("customizations_log.csv",
            Log.Replace("2014-05-22T10:17:37.275Z,5,zbysfedorowicz@example.org,14440,", "2014-05-22T10:17:37.275Z,5,zbysfedorowicz@example.org,99999,", StringComparison.Ordinal))),
        "row-with-an-unknown-decision" => Zip(("articles.ris", Ris), ("customizations_log.csv",
            Log.Replace("14440,included,-1", "14440,included,7", StringComparison.Ordinal))),
        "zip-without-a-log" => Zip(("articles.ris", Ris)),
        "csv-without-a-label-column" => Encoding.UTF8.GetBytes("title,abstract\nA title,An abstract\n"),
        "project-without-results" => Zip(("project.json", "{\"project_file_version\": 3}"), ("data/demo.csv", "title,abstract\nA,B\n")),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory, MemberData(nameof(BrokenFiles))]
    public async Task A_broken_file_is_refused_with_its_line_and_nothing_is_stored(string kind, string format, int line)
    {
        var client = new DecisionImportClient(app);
        var body = Broken(kind);

        var response = await client.PostAsync(format, body);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "decision-file-unreadable");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("errors")[0].GetProperty("line").GetInt32().ShouldBe(line);
        var review = await app.ClientFor(client.Lead).GetAsync(new Uri($"/api/reviews/{DecisionImporter.ReviewIdFor(body, client.Lead)}", UriKind.Relative));
        review.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_unknown_format_is_refused()
    {
        var response = await new DecisionImportClient(app).PostAsync("covidence", [1, 2, 3]);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }
}
