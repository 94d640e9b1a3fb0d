using System.Net;
using System.Text.Json;
using EventReview.Records;
using EventReview.Deduplication;
using EventReview.Tests.Infrastructure;
using Marten;
using Shouldly;

namespace EventReview.Tests.Deduplication;

/// <summary>A duplicate mark reads two records and writes both, so marks racing on them cannot chain or loop.</summary>
public class DuplicateMarkGuardTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string[] MarkRules = ["kept-record-is-duplicate", "record-keeps-duplicates", "already-duplicate"];

    [Fact]
    public async Task Fifty_concurrent_opposite_marks_accept_at_most_one_of_each_pair_and_leave_no_duplicate_of_a_duplicate()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var records = await review.RecordsAsync(100);
        var pairs = Enumerable.Range(0, 50).Select(i => (A: records[2 * i], B: records[2 * i + 1])).ToList();

        var responses = await Task.WhenAll(pairs.SelectMany(p => new[] { MarkAsync(review, p.A, p.B), MarkAsync(review, p.B, p.A) }));

        await responses.ShouldBeAcceptedOrRefusedByAsync(MarkRules);
        for (var i = 0; i < pairs.Count; i++)
            responses.Skip(2 * i).Take(2).Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBeLessThanOrEqualTo(1, $"pair {i}");
        var accepted = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        accepted.ShouldBeGreaterThan(0);
        var states = await review.RecordStatesAsync();
        ShouldNotChain(states);
        (await review.PrismaAsync()).Duplicates.ShouldBe(accepted);
    }

    [Fact]
    public async Task Concurrent_marks_that_would_chain_accept_at_most_one_of_each_chain()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var records = await review.RecordsAsync(75);
        // "A duplicates B" with "B duplicates C": both accepted would make A a duplicate of a duplicate.
        var chains = Enumerable.Range(0, 25).Select(i => (A: records[3 * i], B: records[3 * i + 1], C: records[3 * i + 2])).ToList();

        var responses = await Task.WhenAll(chains.SelectMany(c => new[] { MarkAsync(review, c.A, c.B), MarkAsync(review, c.B, c.C) }));

        await responses.ShouldBeAcceptedOrRefusedByAsync(MarkRules);
        for (var i = 0; i < chains.Count; i++)
            responses.Skip(2 * i).Take(2).Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBeLessThanOrEqualTo(1, $"chain {i}");
        ShouldNotChain(await review.RecordStatesAsync());
    }

    [Fact]
    public async Task A_record_kept_by_the_automatic_run_is_not_marked_until_its_duplicates_are_unmarked()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var search = await review.SearchAsync();
        await review.ImportAsync(search, ReviewScenario.Ris(1, "Same") + ReviewScenario.Ris(1, "Same"));
        var other = (await review.RecordsAsync(1, "Other"))[0];
        var run = await app.PostJsonAsync<DeduplicationRun>(review.Url("/deduplication"), null, review.Lead);
        run.DuplicatesMarked.ShouldBe(1);
        var states = await review.RecordStatesAsync();
        var duplicate = states.Single(s => s.DuplicateOf is not null);
        var kept = duplicate.DuplicateOf!.Value;
        states.Single(s => s.Id == kept).KeptFor.ShouldNotBeNull().ShouldBe(new[] { duplicate.Id });
        (await review.TrailAsync(kept)).Names[^1].ShouldBe("duplicate_kept_for");
        var flow = await review.PrismaAsync();
        flow.Duplicates.ShouldBe(1);
        flow.RecordsScreened.ShouldBe(2);

        await (await MarkAsync(review, kept, other)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "record-keeps-duplicates");
        await review.OkAsync(review.Lead, HttpMethod.Delete, $"/records/{duplicate.Id}/duplicate-of", new { note = "Different study after all" });
        (await review.TrailAsync(kept)).Names[^1].ShouldBe("duplicate_no_longer_kept_for");
        (await MarkAsync(review, kept, other)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var after = await review.RecordStatesAsync();
        after.Single(s => s.Id == kept).DuplicateOf.ShouldBe(other);
        after.Single(s => s.Id == other).KeptFor.ShouldNotBeNull().ShouldBe(new[] { kept });
        after.Single(s => s.Id == duplicate.Id).DuplicateOf.ShouldBeNull();
        (await review.PrismaAsync()).Duplicates.ShouldBe(1);
        ShouldNotChain(after);
    }

    private static Task<HttpResponseMessage> MarkAsync(ReviewScenario review, Guid record, Guid kept) =>
        review.SendAsync(review.Lead, HttpMethod.Post, $"/records/{record}/duplicate-of", new { recordId = kept, note = "Same trial" });

    /// <summary>Every duplicate points at a record that is no duplicate, and every kept record lists exactly its duplicates.</summary>
    private static void ShouldNotChain(IReadOnlyList<RecordState> states)
    {
        var byId = states.ToDictionary(s => s.Id);
        foreach (var duplicate in states.Where(s => s.DuplicateOf is not null))
            byId[duplicate.DuplicateOf!.Value].DuplicateOf.ShouldBeNull($"{duplicate.Id} is a duplicate of a duplicate");
        foreach (var kept in states)
            (kept.KeptFor ?? Array.Empty<Guid>()).Order().ShouldBe(states.Where(s => s.DuplicateOf == kept.Id).Select(s => s.Id).Order());
    }
}
