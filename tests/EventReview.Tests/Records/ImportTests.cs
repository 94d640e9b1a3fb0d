using System.Net;
using System.Text;
using EventReview.Tests.Infrastructure;
using EventReview.Tests.Parsing;
using Shouldly;

namespace EventReview.Tests.Records;

public class ImportTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_real_export_imports_every_record_and_a_second_upload_imports_nothing_new()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var search = await review.SearchAsync("Web of Science", reportedCount: 247);
        var body = await File.ReadAllTextAsync(Corpus.Bib("wos/wos_restoration_revtools.ciw"));

        var first = await review.ImportAsync(search, body);
        var again = await review.ImportAsync(search, body);

        // SOURCES.md: the Web of Science CIW export holds 247 records.
        (first.Imported, first.AlreadyPresent, first.Errors.Count).ShouldBe((247, 0, 0));
        (again.Imported, again.AlreadyPresent).ShouldBe((0, 247));
        (await review.RecordPageAsync("pageSize=1")).Total.ShouldBe(247);
        (await review.PrismaAsync()).Discrepancies.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_interrupted_upload_repeated_completes_the_import_without_duplicates()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var search = await review.SearchAsync("Scopus");
        var all = ReviewScenario.Ris(30, "Scopus");
        var firstHalf = string.Join("\r\n\r\n", all.Split("\r\n\r\n", StringSplitOptions.RemoveEmptyEntries).Take(12)) + "\r\n\r\n";

        (await review.ImportAsync(search, firstHalf)).Imported.ShouldBe(12);
        var completed = await review.ImportAsync(search, all);

        (completed.Imported, completed.AlreadyPresent).ShouldBe((18, 12));
        (await review.RecordPageAsync("pageSize=1")).Total.ShouldBe(30);
    }

    [Fact]
    public async Task Malformed_records_are_reported_with_their_lines_and_the_good_ones_imported()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var search = await review.SearchAsync();
        var ris = "TY  - JOUR\nTI  - A good record about stem cells\nER  - \n\nTY  - JOUR\nTI  - Never closed\n";

        var result = await review.ImportAsync(search, ris, "ris");

        result.Imported.ShouldBe(1);
        result.Errors.ShouldHaveSingleItem().Line.ShouldBe(5);
    }

    [Fact]
    public async Task An_unknown_format_or_search_is_refused()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var search = await review.SearchAsync();
        var client = app.ClientFor(review.Lead);

        var badFormat = await client.PostAsync(new Uri(review.Url($"/searches/{search}/imports?format=docx"), UriKind.Relative),
            new StringContent("x", Encoding.UTF8));
        var badSearch = await client.PostAsync(new Uri(review.Url($"/searches/{Guid.NewGuid()}/imports"), UriKind.Relative),
            new StringContent("x", Encoding.UTF8));
        var screener = await app.ClientFor(review.S1).PostAsync(new Uri(review.Url($"/searches/{search}/imports"), UriKind.Relative),
            new StringContent("x", Encoding.UTF8));

        await badFormat.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await badSearch.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await screener.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_client_cannot_set_an_events_actor_or_time()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);

        var response = await review.SendAsync(review.S1, HttpMethod.Post, $"/records/{record}/votes", new
        {
            stage = "title-abstract", decision = "include",
            by = new { id = "someone-else", name = "Forged Name" }, timestamp = "2001-01-01T00:00:00Z", at = "2001-01-01T00:00:00Z",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var vote = (await review.TrailAsync(record)).Events[^1];
        vote.ActorId.ShouldBe(review.S1);
        vote.At.ShouldBeGreaterThan(before);
    }
}
