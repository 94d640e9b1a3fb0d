using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.Corrections;

public class KeptApartTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_pair_the_lead_separated_is_never_marked_again_and_the_run_says_who_kept_it_apart()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var search = await review.SearchAsync();
        // The same DOI twice: the matcher pairs them.
        var same = "TY  - JOUR\r\nTI  - Stem cells after infarction\r\nAU  - Smith, A.\r\nPY  - 2021\r\nDO  - 10.1000/same.1\r\nER  - \r\n\r\n";
        await review.ImportAsync(search, same + same.Replace("infarction", "myocardial infarction", StringComparison.Ordinal));
        var run = await RunAsync(review);
        run.GetProperty("duplicatesMarked").GetInt32().ShouldBe(1);
        var duplicate = (await review.RecordPageAsync("status=duplicate")).Records.Single().Id;

        await review.OkAsync(review.Lead, HttpMethod.Delete, $"/records/{duplicate}/duplicate-of", new { note = "Different trial registrations" });
        var again = await RunAsync(review);

        again.GetProperty("duplicatesMarked").GetInt32().ShouldBe(0);
        var apart = again.GetProperty("keptApart").EnumerateArray().Single();
        apart.GetProperty("recordId").GetString().ShouldBe(duplicate.ToString());
        apart.GetProperty("note").GetString().ShouldBe($"kept apart by {review.Lead}");
        (await review.RecordPageAsync("status=duplicate")).Records.ShouldBeEmpty();
    }

    private static async Task<System.Text.Json.JsonElement> RunAsync(ReviewScenario review)
    {
        var response = await review.SendAsync(review.Lead, HttpMethod.Post, "/deduplication");
        var text = await response.Content.ReadAsStringAsync();
        response.EnsureSuccessStatusCode();
        return System.Text.Json.JsonDocument.Parse(text).RootElement;
    }
}
