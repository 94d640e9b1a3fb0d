using System.Globalization;
using System.Net;
using EventReview.Labels;
using EventReview.Records;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.DecisionImports;

/// <summary>Rayyan's label rows become label events on the record, shown in the record list and the trail with their source time.</summary>
public class ImportedLabelTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static string Ris => File.ReadAllText(DecisionImportClient.File("rayyan_tinea", "articles.ris"));
    private static string Log => File.ReadAllText(DecisionImportClient.File("rayyan_tinea", "customizations_log.csv"));

    private static DateTimeOffset At(string time) => DateTimeOffset.Parse(time, CultureInfo.InvariantCulture);

    private static async Task<Dictionary<string, RecordView>> RecordsAsync(ReviewScenario review) =>
        (await review.RecordPageAsync("pageSize=50")).Records.ToDictionary(r => r.Bibliographic.SourceRecordId!);

    [Fact]
    public async Task The_tinea_labels_are_on_their_records_and_in_the_trail()
    {
        var client = new DecisionImportClient(app);
        var answer = await client.ImportAsync("rayyan", File.ReadAllBytes(DecisionImportClient.File("rayyan_tinea_export.zip")));
        var review = client.Review(answer.ReviewId);

        var records = await RecordsAsync(review);
        var trail = await review.TrailAsync(records["rayyan-14435"].Id);

        // customizations_log.csv lines 16-18: user 5 labelled 14435, 14432 and 14436 "need to see full text"; lines 23-32
        // and 42-44: 13 articles "M.el-G please review", 14435 among them at 2014-05-29T07:28:35.839Z. No row removes a
        // label, and every one of the 14 articles (14431-14444) carries at least one.
        records.Values.Count(r => r.Labels?.Contains("need to see full text") == true).ShouldBe(3);
        records.Values.Count(r => r.Labels?.Contains("M.el-G please review") == true).ShouldBe(13);
        records["rayyan-14435"].Labels.ShouldBe(["need to see full text", "M.el-G please review"]);
        trail.Events.Where(e => e.Event == "record_labelled").Select(e => (e.ActorName, e.Note, e.SourceTime)).ShouldBe([
            ("Zbys", "label: need to see full text", At("2014-05-22T10:21:54.350Z")),
            ("Zbys", "label: M.el-G please review", At("2014-05-29T07:28:35.839Z"))]);
    }

    [Fact]
    public async Task A_deleted_label_row_takes_the_label_off_again()
    {
        var client = new DecisionImportClient(app);
        // Rayyan writes "deleted" as the value of a label row that removes the label.
        var log = Log.TrimEnd('\n', '\r') + "\n2021-03-01T09:00:00.000Z,5,zbysfedorowicz@example.org,14435,\"\"\"need to see full text\"\"\",deleted\n";
        var answer = await client.ImportAsync("rayyan", BrokenDecisionFileTests.Zip(("articles.ris", Ris), ("customizations_log.csv", log)));
        var review = client.Review(answer.ReviewId);

        var records = await RecordsAsync(review);
        var removal = (await review.TrailAsync(records["rayyan-14435"].Id)).Events.Single(e => e.Event == "record_label_removed");

        records["rayyan-14435"].Labels.ShouldBe(["M.el-G please review"]);
        (removal.ActorName, removal.Note, removal.SourceTime).ShouldBe(("Zbys", "label removed: need to see full text", At("2021-03-01T09:00:00.000Z")));
    }

    [Fact]
    public async Task A_screener_labels_a_record_and_takes_the_label_off_and_each_is_a_rule()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];

        var put = await (await review.SendAsync(review.S1, HttpMethod.Post, $"/records/{record}/labels", new { label = " Ask the author " }))
            .ReadJsonAsync<RecordLabelsAnswer>();
        var twice = await review.SendAsync(review.S2, HttpMethod.Post, $"/records/{record}/labels", new { label = "Ask the author" });
        var off = await (await review.SendAsync(review.S2, HttpMethod.Delete, $"/records/{record}/labels", new { label = "Ask the author" }))
            .ReadJsonAsync<RecordLabelsAnswer>();
        var offAgain = await review.SendAsync(review.S2, HttpMethod.Delete, $"/records/{record}/labels", new { label = "Ask the author" });

        put.Labels.ShouldBe(["Ask the author"]);
        await twice.ShouldBeProblemAsync(HttpStatusCode.Conflict, "label-already-on-record");
        off.Labels.ShouldBeEmpty();
        await offAgain.ShouldBeProblemAsync(HttpStatusCode.Conflict, "label-not-on-record");
        (await review.TrailAsync(record)).Events.Where(e => e.Event.StartsWith("record_label", StringComparison.Ordinal))
            .Select(e => (e.Event, e.ActorId)).ShouldBe([("record_labelled", review.S1), ("record_label_removed", review.S2)]);
    }
}
