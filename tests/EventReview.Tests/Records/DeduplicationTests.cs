using System.Net;
using System.Text.Json;
using EventReview.Deduplication;
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

        (await review.RecordPageAsync("pageSize=1")).Total.ShouldBe(286 + 247 + 104);
        var marked = await DeduplicateAsync(review);

        // SOURCES.md: Scopus∩WoS 62, Scopus∩PubMed 81, WoS∩PubMed 25, all three 22. Imported Scopus, WoS, PubMed in that
        // order, the WoS copies of Scopus DOIs (62) and the PubMed DOIs already seen (81 + 25 - 22 = 84) are duplicates.
        marked.ByMethod["doi"].ShouldBe(146);
        var duplicates = await review.RecordPageAsync("status=duplicate&pageSize=1000");
        var total = marked.DuplicatesMarked;
        duplicates.Total.ShouldBe(total);
        var flow = await review.PrismaAsync();
        flow.Duplicates.ShouldBe(total);
        flow.RecordsScreened.ShouldBe(637 - total);

        var one = duplicates.Records[0].Id;
        var mark = (JsonElement)(await review.TrailAsync(one)).Events[^1].Data;
        mark.GetProperty("method").GetString().ShouldBeOneOf("doi", "pmid", "fuzzy");
        mark.GetProperty("evidence").EnumerateObject().ShouldNotBeEmpty();

        await (await review.SendAsync(review.Lead, HttpMethod.Delete, $"/records/{one}/duplicate-of", new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await review.OkAsync(review.Lead, HttpMethod.Delete, $"/records/{one}/duplicate-of", new { note = "Different study after all" });
        (await review.StatusOfAsync(one)).ShouldBe("awaiting-title-abstract");
        (await review.VoteAsync(review.S1, one, "include")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await review.PrismaAsync()).Duplicates.ShouldBe(total - 1);
    }

    [Fact]
    public async Task A_second_run_marks_nothing_new()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var search = await review.SearchAsync();
        await review.ImportAsync(search, ReviewScenario.Ris(5, "Same") + ReviewScenario.Ris(5, "Same"));

        var first = await DeduplicateAsync(review);
        var second = await DeduplicateAsync(review);

        first.DuplicatesMarked.ShouldBe(5);
        second.DuplicatesMarked.ShouldBe(0);
    }

    private Task<DeduplicationRun> DeduplicateAsync(ReviewScenario review) =>
        app.PostJsonAsync<DeduplicationRun>(review.Url("/deduplication"), null, review.Lead);
}
