using System.Net;
using System.Text.Json;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.Searches;

/// <summary>What a search and the protocol keep over HTTP, how they are corrected, and the review's lists.</summary>
public class SearchRecordTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static object Search(string searchedOn) => new
    {
        source = "MEDLINE", kind = "database", query = "heart AND stem", searchedOn, filters = "English", reportedCount = 286,
        platform = "Ovid", coveredFrom = "1946-01-01", coveredTo = "2025-03-24", peerReview = "PRESS checklist by the librarian",
    };

    [Fact]
    public async Task A_search_dated_2099_is_refused_and_one_run_today_is_kept_whole()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var future = await review.SendAsync(review.Lead, HttpMethod.Post, "/searches", Search("2099-01-01"));
        await future.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await future.Content.ReadAsStringAsync()).ShouldContain("'searchedOn' is 2099-01-01, a date in the future");

        await review.OkAsync(review.Lead, HttpMethod.Post, "/searches", Search("2025-03-24"));
        var search = (await review.GetJsonAsync(review.S1, "/searches")).EnumerateArray().Single();
        (search.GetProperty("platform").GetString(), search.GetProperty("coveredFrom").GetString(), search.GetProperty("coveredTo").GetString(),
            search.GetProperty("peerReview").GetString(), search.GetProperty("filters").GetString())
            .ShouldBe(("Ovid", "1946-01-01", "2025-03-24", "PRESS checklist by the librarian", "English"));
    }

    [Fact]
    public async Task A_correction_changes_the_named_fields_and_keeps_its_reason()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var id = await review.SearchAsync("MEDLINE", 286);

        var corrected = await review.SendAsync(review.Lead, HttpMethod.Post, $"/searches/{id}/corrections",
            new { reason = "Count copied from the wrong line", reportedCount = 290, platform = "PubMed" });

        corrected.StatusCode.ShouldBe(HttpStatusCode.OK, await corrected.Content.ReadAsStringAsync());
        var search = (await review.GetJsonAsync(review.Auditor, "/searches")).EnumerateArray().Single();
        (search.GetProperty("reportedCount").GetInt32(), search.GetProperty("platform").GetString(), search.GetProperty("source").GetString())
            .ShouldBe((290, "PubMed", "MEDLINE"));
        search.GetProperty("corrections").EnumerateArray().Select(c => c.GetString()).ShouldBe(["Count copied from the wrong line"]);
        await (await review.SendAsync(review.Lead, HttpMethod.Post, $"/searches/{id}/corrections", new { reason = "Typo", searchedOn = "2099-03-24" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await review.SendAsync(review.S1, HttpMethod.Post, $"/searches/{id}/corrections", new { reason = "Mine", platform = "Ovid" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_protocol_is_registered_on_creation_and_amended_with_a_reason()
    {
        var lead = "lead-" + Guid.NewGuid().ToString("N")[..8];
        var created = await ReviewScenario.Send(app, lead, HttpMethod.Post, "/api/reviews", new
        {
            title = "Stem cells", protocol = new { registry = "PROSPERO", registrationId = "CRD42025000001", url = "https://www.crd.york.ac.uk/prospero/", version = "1" },
        });
        var id = (await created.ReadJsonAsync<Created>(HttpStatusCode.Created)).Id;

        var amended = await ReviewScenario.Send(app, lead, HttpMethod.Post, $"/api/reviews/{id}/protocol", new
        {
            reason = "Outcome added after piloting", eligibilityCriteria = "Adults",
            protocol = new { registry = "PROSPERO", registrationId = "CRD42025000001", url = "https://www.crd.york.ac.uk/prospero/", version = "2" },
        });

        amended.StatusCode.ShouldBe(HttpStatusCode.OK, await amended.Content.ReadAsStringAsync());
        var review = JsonDocument.Parse(await (await ReviewScenario.Send(app, lead, HttpMethod.Get, $"/api/reviews/{id}")).Content.ReadAsStringAsync()).RootElement;
        (review.GetProperty("protocol").GetProperty("registrationId").GetString(), review.GetProperty("protocol").GetProperty("version").GetString(),
            review.GetProperty("eligibilityCriteria").GetString()).ShouldBe(("CRD42025000001", "2", "Adults"));
        review.GetProperty("amendments").EnumerateArray().Select(a => a.GetProperty("reason").GetString()).ShouldBe(["Outcome added after piloting"]);
        await (await ReviewScenario.Send(app, lead, HttpMethod.Post, "/api/reviews", new { title = "Bad", protocol = new { registry = "OSF", registrationId = "x", url = "javascript:alert(1)" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Any_member_lists_the_members_and_exclusion_reasons()
    {
        var review = await ReviewScenario.WithTeamAsync(app);

        var members = await review.GetJsonAsync(review.S1, "/members");
        members.EnumerateArray().Select(m => m.GetProperty("userId").GetString())
            .ShouldBe([review.Lead, review.S1, review.S2, review.Resolver, review.Auditor], ignoreOrder: true);
        var reasons = await review.GetJsonAsync(review.S2, "/exclusion-reasons");
        reasons.EnumerateArray().Select(r => r.GetProperty("code").GetString()).ShouldBe(["wrong-population", "wrong-design", "no-outcome"]);
        (await review.SendAsync(review.Outsider, HttpMethod.Get, "/members")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
