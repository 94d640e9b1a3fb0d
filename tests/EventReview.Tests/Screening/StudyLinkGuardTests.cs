using System.Net;
using System.Text.Json;
using EventReview.Records;
using EventReview.Tests.Infrastructure;
using Marten;
using Shouldly;

namespace EventReview.Tests.Screening;

/// <summary>A link reads the report and its study and writes both, so links racing on them cannot chain or loop.</summary>
public class StudyLinkGuardTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string[] LinkRules = ["study-is-a-report", "record-has-reports"];

    [Fact]
    public async Task Fifty_concurrent_opposite_links_accept_at_most_one_of_each_pair_and_leave_no_report_of_a_report()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var records = await review.RecordsAsync(100);
        var pairs = Enumerable.Range(0, 50).Select(i => (A: records[2 * i], B: records[2 * i + 1])).ToList();

        var responses = await Task.WhenAll(pairs.SelectMany(p => new[] { LinkAsync(review, p.A, p.B), LinkAsync(review, p.B, p.A) }));

        await responses.ShouldBeAcceptedOrRefusedByAsync(LinkRules);
        for (var i = 0; i < pairs.Count; i++)
            responses.Skip(2 * i).Take(2).Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBeLessThanOrEqualTo(1, $"pair {i}");
        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBeGreaterThan(0);
        ShouldNotChain(await review.RecordStatesAsync());
    }

    [Fact]
    public async Task Concurrent_links_that_would_chain_accept_at_most_one_of_each_chain()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var records = await review.RecordsAsync(75);
        // "A reports B's study" with "B reports C's study": both accepted would make A a report of a report.
        var chains = Enumerable.Range(0, 25).Select(i => (A: records[3 * i], B: records[3 * i + 1], C: records[3 * i + 2])).ToList();

        var responses = await Task.WhenAll(chains.SelectMany(c => new[] { LinkAsync(review, c.A, c.B), LinkAsync(review, c.B, c.C) }));

        await responses.ShouldBeAcceptedOrRefusedByAsync(LinkRules);
        for (var i = 0; i < chains.Count; i++)
            responses.Skip(2 * i).Take(2).Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBeLessThanOrEqualTo(1, $"chain {i}");
        ShouldNotChain(await review.RecordStatesAsync());
    }

    [Fact]
    public async Task A_report_that_returns_to_primary_leaves_its_study_which_may_then_become_a_report()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var records = await review.RecordsAsync(3);
        var (report, study, other) = (records[0], records[1], records[2]);

        (await LinkAsync(review, report, study)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await review.TrailAsync(study)).Names[^1].ShouldBe("study_report_linked");
        await (await LinkAsync(review, study, other)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "record-has-reports");

        (await LinkAsync(review, report, report)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await review.TrailAsync(study)).Names[^1].ShouldBe("study_report_unlinked");
        (await LinkAsync(review, study, other)).StatusCode.ShouldBe(HttpStatusCode.OK);
        ShouldNotChain(await review.RecordStatesAsync());
    }

    private static Task<HttpResponseMessage> LinkAsync(ReviewScenario review, Guid record, Guid study) =>
        review.SendAsync(review.Lead, HttpMethod.Post, $"/records/{record}/study", new { studyId = study, note = "Conference abstract" });

    /// <summary>Every report's study is a primary record, and every primary record lists exactly its reports.</summary>
    private static void ShouldNotChain(IReadOnlyList<RecordState> states)
    {
        var byId = states.ToDictionary(s => s.Id);
        foreach (var report in states.Where(s => s.StudyId is not null))
            byId[report.StudyId!.Value].StudyId.ShouldBeNull($"{report.Id} is a report of a report");
        foreach (var study in states)
            (study.Reports ?? Array.Empty<Guid>()).Order().ShouldBe(states.Where(s => s.StudyId == study.Id).Select(s => s.Id).Order());
    }
}
