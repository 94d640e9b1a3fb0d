using System.Net;
using EventReview.Audit;
using EventReview.Identity;
using EventReview.Labels;
using EventReview.Records;
using EventReview.Screening;
using EventReview.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;

namespace EventReview.Tests.Records;

public class GroupCommitTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly Actor Tester = new("group-commit-test", "Group commit test");

    private IDocumentStore Store => app.Host.Services.GetRequiredService<IDocumentStore>();

    [Fact]
    public async Task Concurrent_votes_committed_together_each_keep_their_own_requests_correlation_id()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var records = await review.RecordsAsync(24);

        var responses = await Task.WhenAll(records.Select((record, i) => review.SendAsync(review.S1, HttpMethod.Post, $"/records/{record}/votes",
            new { stage = "title-abstract", decision = "include" }, new Dictionary<string, string> { ["X-Correlation-ID"] = $"vote-{i}" })));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        await using var session = Store.QuerySession();
        for (var i = 0; i < records.Count; i++)
        {
            var vote = (await session.Events.FetchStreamAsync(records[i], token: TestContext.Current.CancellationToken))
                .Single(e => e.Data is ScreeningVoteCast);
            vote.CorrelationId.ShouldBe($"vote-{i}");
        }
    }

    [Fact]
    public async Task Commands_waiting_together_commit_in_one_transaction_under_one_seal()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var records = await review.RecordsAsync(8);
        var group = new GroupCommit(Store, NullLogger<GroupCommit>.Instance);
        // Sent before the writers start, so the first writer finds all eight waiting.
        var answers = records.Select(record => group.RunAsync(record, Label(review.ReviewId, record, record))).ToList();

        await group.StartAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var answered = await Task.WhenAll(answers).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await group.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        answered.ShouldAllBe(a => a != null && a.Status == 200);
        await using var session = Store.QuerySession();
        var batches = new HashSet<Guid>();
        foreach (var record in records)
            batches.Add((await session.LoadAsync<ChainLink>(ChainLink.IdFor(record, 2), TestContext.Current.CancellationToken))!.Batch);
        batches.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_group_whose_commands_touch_one_stream_commits_nothing_and_each_command_runs_alone()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var records = await review.RecordsAsync(2);
        var group = new GroupCommit(Store, NullLogger<GroupCommit>.Instance);
        // The second command names the second record but writes to the first, as a command writing other records can.
        var answers = new[]
        {
            group.RunAsync(records[0], Label(review.ReviewId, records[0], records[0])),
            group.RunAsync(records[1], Label(review.ReviewId, records[1], records[0])),
        };

        await group.StartAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var answered = await Task.WhenAll(answers).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await group.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        answered.ShouldAllBe(a => a == null);
        await using var session = Store.QuerySession();
        (await session.Events.FetchStreamStateAsync(records[0], TestContext.Current.CancellationToken))!.Version.ShouldBe(1);
    }

    [Fact]
    public async Task A_command_sent_after_the_writers_stopped_is_told_to_run_alone()
    {
        var group = new GroupCommit(Store, NullLogger<GroupCommit>.Instance);
        await group.StartAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await group.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        (await group.RunAsync(Guid.NewGuid(), (_, _) => throw new InvalidOperationException("never run in a group"))).ShouldBeNull();
    }

    /// <summary>A command that puts a label on <paramref name="target"/>, at the version it read, as record commands append.</summary>
    private static Func<IDocumentSession, CancellationToken, Task<RecordAnswer>> Label(Guid reviewId, Guid record, Guid target) =>
        async (session, ct) =>
        {
            var stream = await session.Events.FetchForWriting<RecordState>(target, ct);
            stream.AppendOne(new RecordLabelled(reviewId, target, $"label from {record}", Tester));
            return new RecordAnswer(null, 200, "{}");
        };
}
