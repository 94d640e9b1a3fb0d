using System.Text.Json;
using EventReview.Records;
using EventReview.Screening;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.Screening;

/// <summary>
/// Blinding without side channels: over random histories, everything a blinded screener can read about a record they
/// voted on (its trail, its status, its place in the record list, their queue) is identical whether or not another
/// reviewer has voted on it too, once times and ids, which differ between any two records, are set aside.
/// </summary>
public class BlindingSideChannelTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string[] Decisions = ["include", "exclude", "maybe"];

    [Fact]
    public async Task What_a_blinded_screener_reads_is_the_same_whether_or_not_others_voted()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var s3 = "s3-" + review.S1[3..];
        await review.OkAsync(review.Lead, HttpMethod.Post, "/members", new { userId = s3, name = "Screener Three", roles = new[] { "screener" } });
        // Three votes per record: one other vote leaves the record undecided, so it stays blinded.
        await review.OkAsync(review.Lead, HttpMethod.Put, "/stages/title-abstract", new { reviewersPerRecord = 3, blinded = true });
        var random = new Random(20261206);
        const int Histories = 12;
        var records = await review.RecordsAsync(Histories * 2);

        for (var h = 0; h < Histories; h++)
        {
            var (watched, control) = (records[2 * h], records[2 * h + 1]);
            var mine = Decisions[random.Next(3)];
            var other = random.Next(2) == 0 ? review.S2 : s3;
            var otherFirst = random.Next(2) == 0;
            var revise = random.Next(2) == 0 ? Decisions[random.Next(3)] : null;

            if (otherFirst) await VoteAsync(review, other, watched, Decisions[random.Next(3)]);
            await VoteAsync(review, review.S1, watched, mine);
            await VoteAsync(review, review.S1, control, mine);
            if (!otherFirst) await VoteAsync(review, other, watched, Decisions[random.Next(3)]);
            if (revise is not null)
            {
                await VoteAsync(review, review.S1, watched, revise, "changed my mind");
                await VoteAsync(review, review.S1, control, revise, "changed my mind");
            }

            (await SeenAsync(review, review.S1, watched)).ShouldBe(await SeenAsync(review, review.S1, control),
                $"history {h}: other first {otherFirst}, mine {mine}, revised {revise}");
        }
    }

    private static async Task VoteAsync(ReviewScenario review, string screener, Guid record, string decision, string? note = null)
    {
        var response = await review.VoteAsync(screener, record, decision, reasonCode: decision == "exclude" ? "wrong-population" : null, note: note);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The screener's every view of the record, with its id, title and times left out.</summary>
    private static async Task<string> SeenAsync(ReviewScenario review, string screener, Guid record)
    {
        var trail = await review.TrailAsync(record, screener);
        var page = await review.GetAsync<RecordPage>(screener, "/records?pageSize=500");
        var view = page.Records.Single(r => r.Id == record);
        var queue = await review.GetAsync<ScreeningQueue>(screener, "/queue?take=500");
        var seen = new
        {
            TrailStatus = trail.Status,
            Events = trail.Events.Select(e => new { e.Sequence, e.Version, e.Event, e.ActorId, e.Stage, e.Decision, e.ReasonCode, e.Note }),
            ListStatus = view.Status,
            TitleAbstract = Timeless(view.TitleAbstract),
            InQueue = queue.Records.Any(r => r.Id == record),
        };
        return JsonSerializer.Serialize(seen);
    }

    private static object Timeless(StageProgress progress) => new
    {
        First = progress.FirstVotes.Select(v => new { v.ReviewerId, v.Decision, v.ReasonCode, v.Note }),
        Current = progress.CurrentVotes.Select(v => new { v.ReviewerId, v.Decision, v.ReasonCode, v.Note }),
        progress.InConflict, progress.Outcome, progress.Reopened,
    };
}
