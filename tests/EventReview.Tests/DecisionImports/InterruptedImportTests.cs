using System.Net;
using EventReview.DecisionImports;
using EventReview.Identity;
using EventReview.Records;
using EventReview.Reviews;
using EventReview.Seed;
using EventReview.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace EventReview.Tests.DecisionImports;

/// <summary>
/// An import that stops between its transactions (the process dies, the connection drops) leaves a review that says it
/// is incomplete, and the same file again stores exactly what is missing: never a partial review called "already imported".
/// </summary>
public class InterruptedImportTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static byte[] Tinea => File.ReadAllBytes(DecisionImportClient.File("rayyan_tinea_export.zip"));

    private sealed class Crash : Exception;

    /// <summary>Runs the import as the client's lead and stops it, as a crash would, once the named step has committed.</summary>
    private async Task CrashAfterAsync(DecisionImportClient client, string step)
    {
        var store = app.Host.Services.GetRequiredService<IDocumentStore>();
        await Should.ThrowAsync<Crash>(() => DecisionImporter.ImportAsync(store, DecisionFormat.Rayyan, Tinea, "tinea.zip",
            new Actor(client.Lead, client.Lead), null, done => { if (done == step) throw new Crash(); }, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("review")]
    [InlineData("records")]
    [InlineData("records without decisions")]
    public async Task A_retry_after_a_crash_finishes_the_import_with_nothing_twice(string crashedAfter)
    {
        var client = new DecisionImportClient(app);
        await CrashAfterAsync(client, crashedAfter == "records" ? "records" : "review");
        // An import from before the decisions joined the bulk path stored the records alone first, and crashed there.
        if (crashedAfter == "records without decisions") await StoreRecordsAloneAsync(client);
        var reviewId = DecisionImporter.ReviewIdFor(Tinea, client.Lead);
        var review = client.Review(reviewId);

        var stopped = (await review.GetAsync<Review>(client.Lead, "")).DecisionImport!;
        var retry = await client.ImportAsync("rayyan", Tinea);
        var finished = (await review.GetAsync<Review>(client.Lead, "")).DecisionImport!;
        var again = await client.ImportAsync("rayyan", Tinea, HttpStatusCode.OK);

        (stopped.Complete, stopped.Incomplete).ShouldBe((false, DecisionImportStatus.ResumeHint));
        (finished.Complete, finished.Incomplete).ShouldBe((true, null));
        // The whole import's counts, as RayyanImportTests counts them by hand from customizations_log.csv: 14 records,
        // 2 reviewers, 19 title-abstract votes (3 revisions), 3 discrepancies on 14431.
        (retry.ReviewId, retry.Resumed, retry.Records, retry.Members, retry.Votes, retry.Discrepancies.Count).ShouldBe((reviewId, true, 14, 2, 19, 3));
        (again.AlreadyImported, again.Resumed).ShouldBe((true, false));
        (await review.RecordPageAsync("pageSize=1")).Total.ShouldBe(14);
        // 14431: user 5 included it (2014-05-22), user 16 included it (2014-05-28), user 5 excluded it three times in
        // 2021; each log row is one vote, stored once however many attempts it took.
        var record = (await review.RecordPageAsync("pageSize=50")).Records.Single(r => r.Bibliographic.SourceRecordId == "rayyan-14431").Id;
        (await review.TrailAsync(record)).Votes.Count.ShouldBe(5);
    }

    private async Task StoreRecordsAloneAsync(DecisionImportClient client)
    {
        var store = app.Host.Services.GetRequiredService<IDocumentStore>();
        var reviewId = DecisionImporter.ReviewIdFor(Tinea, client.Lead);
        var records = DecisionImporter.NewRecords(reviewId, DecisionImporter.Read(DecisionFormat.Rayyan, Tinea));
        await new RecordBulkAppend(store).AppendAsync(reviewId, SeedIds.Create(reviewId, "search"), records, new Actor(client.Lead, client.Lead),
            null, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_complete_import_shows_it_on_the_review()
    {
        var client = new DecisionImportClient(app);

        var answer = await client.ImportAsync("rayyan", Tinea);

        var status = (await client.Review(answer.ReviewId).GetAsync<Review>(client.Lead, "")).DecisionImport!;
        // sha256sum rayyan_tinea_export.zip
        (status.Format, status.Complete, status.Incomplete, answer.Resumed).ShouldBe((DecisionFormat.Rayyan, true, null, false));
        status.FileSha256.ShouldBe(Sha256Sum);
    }

    private const string Sha256Sum = "9dd531127643024905fc601dbd42d76081a3e6fc020a41d7087f9580e1cceda4";
}
