using System.Net;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.DecisionImports;

public class AsreviewImportTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static byte[] DemoProject => File.ReadAllBytes(DecisionImportClient.File("asreview", "asreview-demo-project.asreview"));

    [Fact]
    public async Task The_demo_project_imports_one_screeners_labels_as_decided_votes()
    {
        var client = new DecisionImportClient(app);

        var answer = await client.ImportAsync("asreview", DemoProject);

        // SOURCES.md: data/demo_data.csv holds 100 records. results.db holds 24 rows, one (record 31) a pending proposal
        // with no label; of the 23 labels 9 are 1 (8 proposed by svm/max, 1 by random prior knowledge) and 14 are 0 (12 and 2).
        // decision_changes is empty. One reviewer per record, no user named: "ASReview user".
        (answer.Records, answer.Members, answer.Votes).ShouldBe((100, 1, 23));
        answer.Stages["title-abstract"].ShouldBe(new StageCounts(1, 23, 0, answer.Stages["title-abstract"].Reasons));
        answer.Stages["title-abstract"].Reasons.ShouldBeEmpty();
        answer.Discrepancies.ShouldBeEmpty();

        var review = client.Review(answer.ReviewId);
        var prisma = await review.PrismaAsync();
        // Each label decides its record: 14 excluded, 9 sought at full text, 100 - 23 = 77 not yet screened.
        (prisma.RecordsScreened, prisma.RecordsExcluded, prisma.RecordsAwaitingScreening, prisma.DbrSoughtReports).ShouldBe((100, 14, 77, 9));
    }

    [Fact]
    public async Task A_vote_keeps_the_model_that_proposed_the_record_and_the_source_time()
    {
        var client = new DecisionImportClient(app);
        var answer = await client.ImportAsync("asreview", DemoProject);
        var review = client.Review(answer.ReviewId);
        var record = (await review.RecordPageAsync("pageSize=100")).Records.Single(r => r.Bibliographic.SourceRecordId == "69").Id;

        var vote = (await review.TrailAsync(record)).Votes.ShouldHaveSingleItem();

        // results.db: record 69, label 1, querier "random" (prior knowledge), time 1745432659.839991 (Unix seconds).
        (vote.ActorName, vote.Decision, vote.Note).ShouldBe(("ASReview user", "include", "results: proposed by random (prior knowledge)"));
        vote.SourceTime.ShouldBe(DateTimeOffset.FromUnixTimeMilliseconds(1745432659840));
    }

    [Fact]
    public async Task A_labelled_dataset_csv_imports_its_labels()
    {
        var client = new DecisionImportClient(app);

        var answer = await client.ImportAsync("asreview", File.ReadAllBytes(DecisionImportClient.File("asreview", "generic_labels.csv")));

        // generic_labels.csv: 6 rows, label_included 1,0,1,0,1,0.
        (answer.Records, answer.Members, answer.Votes).ShouldBe((6, 1, 6));
        var prisma = await client.Review(answer.ReviewId).PrismaAsync();
        (prisma.RecordsExcluded, prisma.DbrSoughtReports).ShouldBe((3, 3));
    }

    [Fact]
    public async Task The_same_project_again_changes_nothing()
    {
        var client = new DecisionImportClient(app);
        var first = await client.ImportAsync("asreview", DemoProject);

        var again = await client.ImportAsync("asreview", DemoProject, HttpStatusCode.OK);

        (again.ReviewId, again.AlreadyImported).ShouldBe((first.ReviewId, true));
        (await client.Review(first.ReviewId).RecordPageAsync("pageSize=1")).Total.ShouldBe(100);
    }
}
