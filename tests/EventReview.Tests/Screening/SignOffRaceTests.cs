using System.Net;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.Screening;

/// <summary>A sign-off signs a set of records; votes that change the set while it is written are signed or come after it.</summary>
public class SignOffRaceTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Sign_offs_racing_votes_that_decide_records_each_sign_a_state_the_log_holds_before_them()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var records = await review.RecordsAsync(60);
        foreach (var record in records) (await review.VoteAsync(review.S1, record, "include")).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var record in records.Take(10)) (await review.VoteAsync(review.S2, record, "include")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Each of the other 50 votes decides its record, so it changes what a title-abstract sign-off covers.
        var votes = records.Skip(10).Select(r => review.VoteAsync(review.S2, r, "include")).ToList();
        var signOffs = Enumerable.Range(0, 6).Select(async i =>
        {
            await Task.Delay(i * 15);
            return await review.SendAsync(review.Lead, HttpMethod.Post, "/signatures",
                new { scope = "title-abstract", meaning = "approval" });
        }).ToList();
        var voted = await Task.WhenAll(votes);
        var signed = await Task.WhenAll(signOffs);

        voted.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        foreach (var response in signed.Where(r => r.StatusCode != HttpStatusCode.OK))
            await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var accepted = signed.Count(r => r.StatusCode == HttpStatusCode.OK);
        accepted.ShouldBeGreaterThan(0);

        var verification = await review.GetJsonAsync(review.Lead, "/verification");
        var signatures = verification.GetProperty("signatures").EnumerateArray().ToList();
        signatures.Count.ShouldBe(accepted);
        foreach (var signature in signatures)
            signature.GetProperty("valid").GetBoolean().ShouldBeTrue(signature.ToString());
        verification.GetProperty("intact").GetBoolean().ShouldBeTrue();
    }
}
