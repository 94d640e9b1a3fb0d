using System.Net;
using System.Text.Json;
using EventReview.Records;
using Shouldly;

namespace EventReview.Tests.Security;

/// <summary>
/// While a stage is blinded, a screener or appraiser never learns another reviewer's vote, reason, note or rating on
/// an undecided record, through any route: not from the record itself, not from filtering by status, not from the
/// answer to their own vote or rating.
/// </summary>
public class BlindedVoteTests(MatrixReview review) : IClassFixture<MatrixReview>
{
    private static readonly Caller[] Blinded = [Caller.ScreenerA, Caller.ScreenerB, Caller.Appraiser];

    private static readonly string[] Named = ["votedByA", "votedByB", "conflict", "appraised", "decided"];

    public static TheoryData<Caller, string> ReadsOfEachRecord() =>
    [
        .. Blinded.SelectMany(caller => Named.Select(record => (caller, record))),
    ];

    [Theory, MemberData(nameof(ReadsOfEachRecord))]
    public async Task A_records_trail_shows_a_blinded_reviewer_no_one_elses_notes(Caller caller, string record)
    {
        var body = await ReadAsync(caller, $"/records/{review.Named(record)}/trail");

        foreach (var secret in review.HiddenFrom(caller)) body.ShouldNotContain(secret);
    }

    public static TheoryData<Caller, string> ReadsOfTheReview() =>
    [
        .. Blinded.SelectMany(caller => new[]
        {
            "/records", "/records?pageSize=1000", "/queue", "/queue?stage=full-text", "/agreement", "/agreement?stage=full-text",
            "/appraisals", "/appraisals.csv", "/prisma", "/prisma.csv",
        }.Concat(RecordStatus.All.Select(s => "/records?status=" + s)).Select(path => (caller, path))),
    ];

    [Theory, MemberData(nameof(ReadsOfTheReview))]
    public async Task No_read_of_the_review_shows_a_blinded_reviewer_no_one_elses_notes(Caller caller, string path)
    {
        var response = await review.SendAsync(caller, new RouteRequest(HttpMethod.Get, review.Scenario.Url(path), null));
        var body = await response.Content.ReadAsStringAsync();

        // Appraisers have no screening queue; every other read is theirs.
        ((int)response.StatusCode).ShouldBe(caller == Caller.Appraiser && path.StartsWith("/queue", StringComparison.Ordinal) ? 403 : 200, body);
        foreach (var secret in review.HiddenFrom(caller)) body.ShouldNotContain(secret);
    }

    [Fact]
    public async Task A_conflict_reads_as_awaiting_votes_and_filtering_by_status_does_not_reveal_it()
    {
        var conflict = review.Named("conflict");

        var asConflict = await JsonAsync(Caller.ScreenerB, $"/records?status={RecordStatus.TitleAbstractConflict}&pageSize=1000");
        Ids(asConflict).ShouldNotContain(conflict);
        asConflict.GetProperty("total").GetInt32().ShouldBe(0);

        var asAwaiting = await JsonAsync(Caller.ScreenerB, $"/records?status={RecordStatus.AwaitingTitleAbstract}&pageSize=1000");
        var listed = asAwaiting.GetProperty("records").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == conflict);
        listed.GetProperty("status").GetString().ShouldBe(RecordStatus.AwaitingTitleAbstract);
        listed.GetProperty("titleAbstract").GetProperty("inConflict").GetBoolean().ShouldBeFalse();
        listed.GetProperty("titleAbstract").GetProperty("currentVotes").EnumerateArray().Select(v => v.GetProperty("reviewerId").GetString())
            .ShouldBe([review.Scenario.S2]);

        Ids(await JsonAsync(Caller.Lead, $"/records?status={RecordStatus.TitleAbstractConflict}&pageSize=1000")).ShouldContain(conflict);
        Ids(await JsonAsync(Caller.Auditor, $"/records?status={RecordStatus.TitleAbstractConflict}&pageSize=1000")).ShouldContain(conflict);
    }

    [Fact]
    public async Task Agreement_for_a_blinded_screener_counts_decided_records_only()
    {
        var all = (await JsonAsync(Caller.Lead, "/records?pageSize=1000")).GetProperty("records").EnumerateArray().ToList();
        var decidedWithVotes = all.Count(r => r.GetProperty("titleAbstract").GetProperty("outcome").ValueKind != JsonValueKind.Null
            && r.GetProperty("titleAbstract").GetProperty("firstVotes").GetArrayLength() > 0);

        (await JsonAsync(Caller.ScreenerA, "/agreement")).GetProperty("items").GetInt32().ShouldBe(decidedWithVotes);
        (await JsonAsync(Caller.Lead, "/agreement")).GetProperty("items").GetInt32().ShouldBeGreaterThan(decidedWithVotes);
    }

    [Fact]
    public async Task Rating_an_appraisal_answers_a_blinded_appraiser_with_their_own_ratings_only()
    {
        // The second appraiser rated item 3 as "1"; this appraiser says "2", which an unblinded view shows as disputed.
        var record = review.Named("appraised");
        var response = await review.SendAsync(Caller.Appraiser, new RouteRequest(HttpMethod.Post, review.Scenario.Url($"/records/{record}/appraisals"),
            new { instrument = "sanra2", ratings = new Dictionary<string, string> { ["3"] = "2" } }));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        var answer = JsonDocument.Parse(text).RootElement;

        answer.GetProperty("basis").GetString().ShouldBe("single-appraiser", text);
        answer.GetProperty("disputedItems").GetArrayLength().ShouldBe(0, text);
        answer.GetProperty("final").GetBoolean().ShouldBeFalse(text);
        foreach (var secret in review.HiddenFrom(Caller.Appraiser)) text.ShouldNotContain(secret);

        var lead = await JsonAsync(Caller.Lead, "/appraisals");
        lead.GetRawText().ShouldContain("awaiting-consensus");
    }

    [Fact]
    public async Task The_lead_and_the_auditor_see_every_vote()
    {
        foreach (var caller in new[] { Caller.Lead, Caller.Auditor })
        {
            var trails = string.Concat(await Task.WhenAll(
                new[] { "votedByA", "votedByB", "conflict", "appraised" }.Select(r => ReadAsync(caller, $"/records/{review.Named(r)}/trail"))));
            foreach (var secret in review.Secrets.Keys) trails.ShouldContain(secret);
        }
    }

    private async Task<string> ReadAsync(Caller caller, string path)
    {
        var response = await review.SendAsync(caller, new RouteRequest(HttpMethod.Get, review.Scenario.Url(path), null));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return text;
    }

    private async Task<JsonElement> JsonAsync(Caller caller, string path) => JsonDocument.Parse(await ReadAsync(caller, path)).RootElement;

    private static List<Guid> Ids(JsonElement page) => page.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList();
}
