using System.Text.Json;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.Screening;

public class BlindingTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_screener_sees_no_other_vote_until_the_record_is_decided()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];
        await review.VoteAsync(review.S1, record, "include", note: "Looks relevant");
        await review.VoteAsync(review.S2, record, "exclude", reasonCode: "wrong-population", note: "Children only");

        var trail = await review.GetJsonAsync(review.S1, $"/records/{record}/trail");
        VoteAuthors(trail.GetProperty("events")).ShouldBe([review.S1]);
        trail.GetProperty("status").GetString().ShouldBe("awaiting-title-abstract");
        trail.GetRawText().ShouldNotContain("Children only");

        var listed = (await review.GetJsonAsync(review.S1, "/records")).GetProperty("records")[0];
        VoteAuthors(listed.GetProperty("titleAbstract").GetProperty("currentVotes")).ShouldBe([review.S1]);
        listed.GetRawText().ShouldNotContain("wrong-population");

        var queued = await review.GetJsonAsync(review.S2, "/queue");
        queued.GetRawText().ShouldNotContain("Looks relevant");

        VoteAuthors((await review.GetJsonAsync(review.Lead, $"/records/{record}/trail")).GetProperty("events")).ShouldBe([review.S1, review.S2]);
        VoteAuthors((await review.GetJsonAsync(review.Auditor, $"/records/{record}/trail")).GetProperty("events")).ShouldBe([review.S1, review.S2]);
    }

    [Fact]
    public async Task Once_decided_the_screeners_see_each_others_votes()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];
        await review.VoteAsync(review.S1, record, "include");
        await review.VoteAsync(review.S2, record, "exclude", reasonCode: "wrong-population");
        await review.ResolveAsync(review.Resolver, record, "exclude", reasonCode: "wrong-population");

        VoteAuthors((await review.GetJsonAsync(review.S1, $"/records/{record}/trail")).GetProperty("events")).ShouldBe([review.S1, review.S2]);
    }

    [Fact]
    public async Task An_unblinded_stage_shows_votes_at_once()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        await review.OkAsync(review.Lead, HttpMethod.Put, "/stages/title-abstract", new { reviewersPerRecord = 2, blinded = false });
        var record = (await review.RecordsAsync(1))[0];
        await review.VoteAsync(review.S1, record, "include");

        VoteAuthors((await review.GetJsonAsync(review.S2, $"/records/{record}/trail")).GetProperty("events")).ShouldBe([review.S1]);
    }

    private static List<string> VoteAuthors(JsonElement events) => events.EnumerateArray()
        .Where(e => !e.TryGetProperty("event", out var type) || type.GetString() == "screening_vote_cast")
        .Select(e => e.TryGetProperty("actorId", out var a) ? a.GetString()! : e.GetProperty("reviewerId").GetString()!)
        .ToList();
}
