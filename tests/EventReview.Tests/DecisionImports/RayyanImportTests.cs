using System.Net;
using EventReview.Records;
using EventReview.Screening;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.DecisionImports;

public class RayyanImportTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static byte[] Tinea => File.ReadAllBytes(DecisionImportClient.File("rayyan_tinea_export.zip"));

    [Fact]
    public async Task The_tinea_export_imports_its_records_reviewers_votes_and_reasons()
    {
        var client = new DecisionImportClient(app);

        var answer = await client.ImportAsync("rayyan", Tinea);

        // Counted by hand from customizations_log.csv (47 rows). Reviewers: user 5 (zbysfedorowicz) and user 16
        // (m.el-gohary). "included" rows: user 5 on 12 articles plus three later -1 rows on 14431 (2021) = 15, user 16 on
        // 4 articles = 4, so 19 title-abstract votes of which 3 revisions. __EXR__ rows name 7 distinct reasons, the same 7
        // as the RIS notes' RAYYAN-EXCLUSION-REASONS. 14431 was included by both in 2014, so user 5's 2021 exclusions come
        // after the decision: 3 discrepancies. The RIS notes name "Zbys" and "m.el-gohary" with exactly each user's final votes.
        (answer.Records, answer.Members, answer.Votes).ShouldBe((14, 2, 19));
        answer.Stages["title-abstract"].ShouldBe(new StageCounts(2, 19, 3, answer.Stages["title-abstract"].Reasons));
        answer.Stages["title-abstract"].Reasons.ShouldBe(["background-article", "totally-irrelevant-to-the-review", "wrong-drug",
            "wrong-intervention", "wrong-population", "wrong-publication-type", "wrong-study-design"]);
        answer.Stages["full-text"].Votes.ShouldBe(0);
        answer.Discrepancies.Count.ShouldBe(3);
        answer.Discrepancies.ShouldAllBe(d => d.Contains("record rayyan-14431") && d.Contains("stage-decided"));
        var members = await client.Review(answer.ReviewId).GetJsonAsync(client.Lead, "/members");
        members.EnumerateArray().Select(m => m.GetProperty("name").GetString())
            .ShouldBe(["Zbys", "m.el-gohary", client.Lead], ignoreOrder: true);
    }

    [Fact]
    public async Task The_imported_review_has_the_PRISMA_flow_of_its_decisions()
    {
        var client = new DecisionImportClient(app);
        var answer = await client.ImportAsync("rayyan", Tinea);

        var prisma = await client.Review(answer.ReviewId).PrismaAsync();

        // By hand: 14 records; both reviewers agreed on 14431, 14432, 14434 (include) and 14440 (exclude); the other 10
        // have one vote or none and await their second.
        (prisma.DatabaseResults, prisma.RecordsScreened, prisma.RecordsExcluded, prisma.RecordsAwaitingScreening).ShouldBe((14, 14, 1, 10));
        prisma.DbrSoughtReports.ShouldBe(3);
    }

    [Fact]
    public async Task A_revision_shows_in_the_trail_with_its_source_time_and_the_source_clock_reads_the_past()
    {
        var client = new DecisionImportClient(app);
        var answer = await client.ImportAsync("rayyan", Tinea);
        var review = client.Review(answer.ReviewId);
        var record = (await review.RecordPageAsync("pageSize=50")).Records.Single(r => r.Bibliographic.SourceRecordId == "rayyan-14431").Id;

        var trail = await review.TrailAsync(record);
        var in2014 = await review.GetAsync<RecordTrail>(review.Lead, $"/records/{record}/trail?asOf=2014-12-31T00:00:00Z&clock=source");

        // customizations_log.csv: user 5 included 14431 at 2014-05-22T10:24:41.823Z and excluded it at 2021-02-22T11:35:37.154Z.
        var votes = trail.Votes;
        votes.Select(v => (v.ActorName, v.Decision, v.SourceTime)).Take(2).ShouldBe([
            ("Zbys", "include", DateTimeOffset.Parse("2014-05-22T10:24:41.823Z", System.Globalization.CultureInfo.InvariantCulture)),
            ("m.el-gohary", "include", DateTimeOffset.Parse("2014-05-28T20:22:53.930Z", System.Globalization.CultureInfo.InvariantCulture))]);
        votes[2].Note.ShouldBe("imported revision");
        votes[2].SourceTime.ShouldBe(DateTimeOffset.Parse("2021-02-22T11:35:37.154Z", System.Globalization.CultureInfo.InvariantCulture));
        in2014.Votes.Count.ShouldBe(2);
        // By the server's clock the record was imported today, so in 2014 it did not exist yet.
        await (await app.ClientFor(review.Lead).GetAsync(new Uri(review.Url($"/records/{record}/trail?asOf=2014-12-31T00:00:00Z"), UriKind.Relative)))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_record_list_reads_the_source_clock_as_the_trail_does()
    {
        var client = new DecisionImportClient(app);
        var answer = await client.ImportAsync("rayyan", Tinea);
        var review = client.Review(answer.ReviewId);
        const string May28 = "asOf=2014-05-28T23:59:59Z";

        var then = await review.RecordPageAsync($"pageSize=50&{May28}&clock=source");
        var now = await review.RecordPageAsync("pageSize=50");
        static string[] Decided(RecordPage page, Decision decision) => [.. page.Records
            .Where(r => r.TitleAbstract.Outcome == decision).Select(r => r.Bibliographic.SourceRecordId!).Order(StringComparer.Ordinal)];

        // customizations_log.csv up to 2014-05-28: user 5 voted on ten articles (lines 2-33), user 16 on 14431, 14432,
        // 14434 and 14440 (lines 35-39). Both included 14431 and both excluded 14440; user 5's votes on 14432 (05-29) and
        // 14434 (06-15) came later, so by the source's clock those two still waited for a second vote.
        then.Total.ShouldBe(14);
        Decided(then, Decision.Include).ShouldBe(["rayyan-14431"]);
        Decided(then, Decision.Exclude).ShouldBe(["rayyan-14440"]);
        then.Records.Single(r => r.Bibliographic.SourceRecordId == "rayyan-14432").TitleAbstract.CurrentVotes.Count.ShouldBe(1);
        Decided(now, Decision.Include).ShouldBe(["rayyan-14431", "rayyan-14432", "rayyan-14434"]);
        // By the server's clock the review was created today; an unknown clock is refused.
        await (await app.ClientFor(review.Lead).GetAsync(new Uri(review.Url($"/records?{May28}"), UriKind.Relative)))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await app.ClientFor(review.Lead).GetAsync(new Uri(review.Url($"/records?{May28}&clock=rayyan"), UriKind.Relative)))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_same_file_again_changes_nothing_and_says_so()
    {
        var client = new DecisionImportClient(app);
        var first = await client.ImportAsync("rayyan", Tinea);

        var again = await client.ImportAsync("rayyan", Tinea, HttpStatusCode.OK);

        (again.ReviewId, again.AlreadyImported).ShouldBe((first.ReviewId, true));
        (await client.Review(first.ReviewId).RecordPageAsync("pageSize=1")).Total.ShouldBe(14);
    }
}
