using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.DecisionImports;

/// <summary>
/// A Rayyan export with a full-text stage, as SOURCES.md describes other exports: the tinea records with a log written by
/// hand, since the corpus export has no full-text rows. The RIS notes are left out, so no printed name is matched.
/// </summary>
public class RayyanFullTextTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Log = """"
        created_at,user_id,user_email,article_id,key,value
        2020-01-01T10:00:00Z,1,a@example.org,14431,included,1
        2020-01-01T10:01:00Z,2,b@example.org,14431,included,1
        2020-01-02T09:00:00Z,0,rayyan@rayyan.ai,14431,"""__SYSTEM__STAGE__7""",1
        2020-01-03T10:00:00Z,1,a@example.org,14431,included__SYSTEM__STAGE__7,-1
        2020-01-03T10:00:05Z,1,a@example.org,14431,"""__EXR__wrong outcome""",1
        2020-01-03T11:00:00Z,2,b@example.org,14431,included__SYSTEM__STAGE__7,-1
        2020-01-01T10:02:00Z,1,a@example.org,14432,included,1
        2020-01-02T09:00:00Z,0,rayyan@rayyan.ai,14432,"""__SYSTEM__STAGE__7""",1
        2020-01-03T12:00:00Z,2,b@example.org,14432,included__SYSTEM__STAGE__7,-1
        2020-01-04T12:00:00Z,3,c@example.org,14431,included__SYSTEM__STAGE__7,1
        """";

    private static byte[] Export()
    {
        var ris = string.Join('\n', File.ReadAllLines(DecisionImportClient.File("rayyan_tinea", "articles.ris")).Where(l => !l.StartsWith("N1", StringComparison.Ordinal)));
        return BrokenDecisionFileTests.Zip(("articles.ris", ris), ("customizations_log.csv", Log));
    }

    [Fact]
    public async Task Stage_moves_send_records_to_full_text_and_unenforced_rules_are_listed()
    {
        var client = new DecisionImportClient(app);

        var answer = await client.ImportAsync("rayyan", Export());

        // By hand: reviewers 1, 2 and 3 (user 0 is Rayyan's system user). Title-abstract: three votes, two reviewers on 14431.
        // Full text: 14431 excluded by 1 (with a reason) and 2 (without), a conflict; 3's later vote is a third reviewer's.
        // 14432 was sent on by the stage move before any second vote, and 2 excluded it at full text without a reason.
        (answer.Records, answer.Members, answer.Votes).ShouldBe((14, 3, 7));
        var (screening, fullText) = (answer.Stages["title-abstract"], answer.Stages["full-text"]);
        (screening.ReviewersPerRecord, screening.Votes, screening.Revisions, screening.Reasons.Count).ShouldBe((2, 3, 0, 0));
        (fullText.ReviewersPerRecord, fullText.Votes, fullText.Revisions).ShouldBe((2, 4, 0));
        fullText.Reasons.ShouldBe(["wrong-outcome"]);
        answer.Discrepancies.Count.ShouldBe(3);
        answer.Discrepancies.ShouldContain(d => d.StartsWith("line 11:", StringComparison.Ordinal) && d.Contains("votes-complete"));
        answer.Discrepancies.ShouldContain(d => d.StartsWith("line 7:", StringComparison.Ordinal) && d.Contains("without a reason"));
        answer.Discrepancies.ShouldContain(d => d.StartsWith("line 10:", StringComparison.Ordinal) && d.Contains("without a reason"));

        var review = client.Review(answer.ReviewId);
        var records = (await review.RecordPageAsync("pageSize=50")).Records;
        var moved = records.Single(r => r.Bibliographic.SourceRecordId == "rayyan-14432");
        (moved.TitleAbstract.Outcome, moved.Retrieved).ShouldBe((EventReview.Screening.Decision.Include, true));
        var decided = (await review.TrailAsync(moved.Id)).Events.Single(e => e.Event == "screening_decided");
        (decided.Note, decided.SourceTime).ShouldBe(("Moved to full text in the source (__SYSTEM__STAGE__7)", new DateTimeOffset(2020, 1, 2, 9, 0, 0, TimeSpan.Zero)));
        records.Single(r => r.Bibliographic.SourceRecordId == "rayyan-14431").FullText.InConflict.ShouldBeTrue();
    }
}
