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

        var trail = await review.TrailAsync(record, review.S1);
        trail.Votes.Select(v => v.ActorId).ShouldBe([review.S1]);
        trail.Status.ShouldBe("awaiting-title-abstract");
        var listed = (await review.RecordPageAsync(user: review.S1)).Records.ShouldHaveSingleItem();
        listed.TitleAbstract.CurrentVotes.Select(v => v.ReviewerId).ShouldBe([review.S1]);

        // Nowhere in the answers, whatever field a leak would be in.
        (await review.GetJsonAsync(review.S1, $"/records/{record}/trail")).GetRawText().ShouldNotContain("Children only");
        (await review.GetJsonAsync(review.S1, "/records")).GetRawText().ShouldNotContain("wrong-population");
        (await review.GetJsonAsync(review.S2, "/queue")).GetRawText().ShouldNotContain("Looks relevant");

        (await VoteAuthorsAsync(review, record, review.Lead)).ShouldBe([review.S1, review.S2]);
        (await VoteAuthorsAsync(review, record, review.Auditor)).ShouldBe([review.S1, review.S2]);
    }

    [Fact]
    public async Task Once_decided_the_screeners_see_each_others_votes()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];
        await review.VoteAsync(review.S1, record, "include");
        await review.VoteAsync(review.S2, record, "exclude", reasonCode: "wrong-population");
        await review.ResolveAsync(review.Resolver, record, "exclude", reasonCode: "wrong-population");

        (await VoteAuthorsAsync(review, record, review.S1)).ShouldBe([review.S1, review.S2]);
    }

    [Fact]
    public async Task An_unblinded_stage_shows_votes_at_once()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        await review.OkAsync(review.Lead, HttpMethod.Put, "/stages/title-abstract", new { reviewersPerRecord = 2, blinded = false });
        var record = (await review.RecordsAsync(1))[0];
        await review.VoteAsync(review.S1, record, "include");

        (await VoteAuthorsAsync(review, record, review.S2)).ShouldBe([review.S1]);
    }

    /// <summary>Whose votes <paramref name="viewer"/> sees in the record's trail.</summary>
    private static async Task<List<string>> VoteAuthorsAsync(ReviewScenario review, Guid record, string viewer) =>
        [.. (await review.TrailAsync(record, viewer)).Votes.Select(v => v.ActorId)];
}
