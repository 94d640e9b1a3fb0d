using System.Net;
using EventReview.Tests.Infrastructure;
using EventReview.Tests.Parsing;
using Shouldly;

namespace EventReview.Tests.Records;

public class DeduplicationTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_restoration_exports_deduplicate_to_their_published_DOI_overlaps_and_an_unmark_restores_screening()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        foreach (var (source, file) in new[]
                 {
                     ("Scopus", "ris/scopus_restoration_revtools.ris"), ("Web of Science", "wos/wos_restoration_revtools.ciw"),
                     ("PubMed", "medline/pubmed_restoration_revtools.nbib"),
                 })
            await review.ImportAsync(await review.SearchAsync(source), await File.ReadAllTextAsync(Corpus.Bib(file)));

        var result = await review.GetJsonAsync(review.Lead, "/records?pageSize=1");
        result.GetProperty("total").GetInt32().ShouldBe(286 + 247 + 104);
        var response = await review.SendAsync(review.Lead, HttpMethod.Post, "/deduplication");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var marked = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        // SOURCES.md: Scopus∩WoS 62, Scopus∩PubMed 81, WoS∩PubMed 25, all three 22. Imported Scopus, WoS, PubMed in that
        // order, the WoS copies of Scopus DOIs (62) and the PubMed DOIs already seen (81 + 25 - 22 = 84) are duplicates.
        marked.GetProperty("byMethod").GetProperty("doi").GetInt32().ShouldBe(146);
        var duplicates = await review.GetJsonAsync(review.Lead, "/records?status=duplicate&pageSize=1000");
        var total = marked.GetProperty("duplicatesMarked").GetInt32();
        duplicates.GetProperty("total").GetInt32().ShouldBe(total);
        var flow = await review.GetJsonAsync(review.Lead, "/prisma");
        flow.GetProperty("duplicates").GetInt32().ShouldBe(total);
        flow.GetProperty("records_screened").GetInt32().ShouldBe(637 - total);

        var one = duplicates.GetProperty("records")[0].GetProperty("id").GetGuid();
        var trail = await review.GetJsonAsync(review.Lead, $"/records/{one}/trail");
        var mark = trail.GetProperty("events").EnumerateArray().Last().GetProperty("data");
        mark.GetProperty("method").GetString().ShouldBeOneOf("doi", "pmid", "fuzzy");
        mark.GetProperty("evidence").EnumerateObject().ShouldNotBeEmpty();

        await (await review.SendAsync(review.Lead, HttpMethod.Delete, $"/records/{one}/duplicate-of", new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await review.OkAsync(review.Lead, HttpMethod.Delete, $"/records/{one}/duplicate-of", new { note = "Different study after all" });
        (await review.StatusOfAsync(one)).ShouldBe("awaiting-title-abstract");
        (await review.VoteAsync(review.S1, one, "include")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await review.GetJsonAsync(review.Lead, "/prisma")).GetProperty("duplicates").GetInt32().ShouldBe(total - 1);
    }

    [Fact]
    public async Task A_second_run_marks_nothing_new()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var search = await review.SearchAsync();
        await review.ImportAsync(search, ReviewScenario.Ris(5, "Same") + ReviewScenario.Ris(5, "Same"));

        var first = await review.SendAsync(review.Lead, HttpMethod.Post, "/deduplication");
        var second = await review.SendAsync(review.Lead, HttpMethod.Post, "/deduplication");

        System.Text.Json.JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("duplicatesMarked").GetInt32().ShouldBe(5);
        System.Text.Json.JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement.GetProperty("duplicatesMarked").GetInt32().ShouldBe(0);
    }
}
