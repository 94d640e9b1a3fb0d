using System.Net;
using EventReview.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace EventReview.Tests.AppraisalFlow;

public class AppraisalAgreementTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Agreement_between_appraisers_uses_each_ones_first_rating_of_each_item()
    {
        var scenario = await AppraisalScenario.WithAppraisersAsync(app);
        var review = scenario.Review;
        await review.OkAsync(review.Lead, HttpMethod.Put, "/appraisal-settings", new { appraisersPerRecord = 2 });
        var record = (await review.RecordsAsync(1))[0];
        await review.ToFullTextAsync(record);
        await scenario.RatedAsync(scenario.A1, record, "sanra2", Items("2", "2", "1", "0", "2", "1"));
        await scenario.RatedAsync(scenario.A2, record, "sanra2", Items("2", "1", "1", "0", "2", "2"));
        await scenario.RatedAsync(scenario.A1, record, "sanra2", new Dictionary<string, string> { ["2"] = "1" }, note: "Reread the aims");

        var report = await review.GetJsonAsync(review.Lead, "/agreement?instrument=sanra2");

        // Worked by hand from the first ratings: 4 of 6 items agree, po = 4/6. Both appraisers used 0 once, 1 twice and
        // 2 three times, so pe = (1·1 + 2·2 + 3·3) / 36 = 14/36 and kappa = (24/36 − 14/36) / (22/36) = 10/22 = 0.4545.
        report.GetProperty("items").GetInt32().ShouldBe(6);
        report.GetProperty("percentAgreement").GetDouble().ShouldBe(4.0 / 6, 1e-12);
        report.GetProperty("cohenKappa").GetProperty("value").GetDouble().ShouldBe(10.0 / 22, 1e-12);
        await (await review.SendAsync(scenario.A1, HttpMethod.Get, "/agreement?instrument=sanra2")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    private static Dictionary<string, string> Items(params string[] ratings) =>
        ratings.Select((rating, i) => (Item: (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), rating))
            .ToDictionary(x => x.Item, x => x.rating);
}
