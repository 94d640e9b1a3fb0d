using System.Net;
using System.Text.Json;
using EventReview.Appraisal;
using EventReview.Records;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.AppraisalFlow;

/// <summary>
/// Two appraisers rating independently: a verdict is final once both agree on every item, or a lead's or
/// resolver's consensus settles the items where they differ; until then a rejection excludes nothing.
/// </summary>
public class IndependentAppraisalTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Cohen = "Cohen et al. (2023)";

    /// <summary>Two appraisers per record, N/A counted as zero (so Cohen's published ratings give 6/9, rejected), Cohen at full text.</summary>
    private async Task<(AppraisalScenario Scenario, Guid Record)> DualAppraisalOfCohenAsync()
    {
        var scenario = await AppraisalScenario.WithAppraisersAsync(app);
        await scenario.Review.OkAsync(scenario.Review.Lead, HttpMethod.Put, "/appraisal-settings", new { appraisersPerRecord = 2 });
        await scenario.Review.OkAsync(scenario.Review.Lead, HttpMethod.Put, $"/appraisal-scoring/{JbiQuasiExperimental.Id}",
            new { thresholdPercent = 70, notApplicable = "count-as-zero", excludeOnQuality = true });
        var record = (await scenario.RetrievedStudiesAsync(AppraisalScenario.Seed(Cohen)))[Cohen];
        return (scenario, record);
    }

    private static Dictionary<string, string> CohenWith(params (string Item, string Rating)[] changes)
    {
        var ratings = new Dictionary<string, string>(AppraisalScenario.Seed(Cohen).Ratings, StringComparer.Ordinal);
        foreach (var (item, rating) in changes) ratings[item] = rating;
        return ratings;
    }

    [Fact]
    public async Task One_of_two_appraisers_gives_a_provisional_verdict_and_the_second_agreeing_makes_the_rejection_final()
    {
        var (scenario, record) = await DualAppraisalOfCohenAsync();

        var first = await scenario.RatedAsync(scenario.A1, record, JbiQuasiExperimental.Id, CohenWith());
        (first.Str("basis"), first.GetProperty("final").GetBoolean(), first.Str("verdict"), first.Str("status"))
            .ShouldBe(("single-appraiser", false, "rejected", RecordStatus.AwaitingFullText));

        var second = await scenario.RatedAsync(scenario.A2, record, JbiQuasiExperimental.Id, CohenWith());
        (second.Str("basis"), second.GetProperty("final").GetBoolean(), second.Str("total"), second.Str("status"))
            .ShouldBe(("agreement", true, "6/9 (66.7%)", RecordStatus.ExcludedFullText));

        var row = await scenario.RowAsync(JbiQuasiExperimental.Id, record);
        row.GetProperty("appraisers").EnumerateArray().Select(a => a.Str("id")).ShouldBe([scenario.A1, scenario.A2]);
        (await scenario.TrailAsync(record)).Count(e => e == "screening_decided").ShouldBe(2); // title-abstract, then quality
    }

    [Fact]
    public async Task Differing_ratings_await_consensus_without_a_score_until_the_lead_records_it()
    {
        var (scenario, record) = await DualAppraisalOfCohenAsync();
        await scenario.RatedAsync(scenario.A1, record, JbiQuasiExperimental.Id, CohenWith());
        // A2 reads items 2 and 3 as applicable: 8/9 = 88.9% on their own, which is all a blinded A2 is told.
        var second = await scenario.RatedAsync(scenario.A2, record, JbiQuasiExperimental.Id, CohenWith(("2", "yes"), ("3", "yes")));
        (second.Str("basis"), second.GetProperty("final").GetBoolean(), second.Str("total"))
            .ShouldBe(("single-appraiser", false, "8/9 (88.9%)"));
        second.GetProperty("disputedItems").GetArrayLength().ShouldBe(0);
        (await scenario.RowAsync(JbiQuasiExperimental.Id, record)).GetProperty("disputedItems").EnumerateArray().Select(e => e.GetString())
            .ShouldBe(["2", "3"]);

        var waiting = await scenario.RowAsync(JbiQuasiExperimental.Id, record);
        (waiting.Str("total"), waiting.Str("verdict"), waiting.GetProperty("score").ValueKind).ShouldBe(("awaiting consensus", null, JsonValueKind.Null));
        waiting.GetProperty("ratings").GetProperty("2").ValueKind.ShouldBe(JsonValueKind.Null);
        waiting.GetProperty("ratings").GetProperty("1").GetString().ShouldBe("yes");
        (await scenario.CsvAsync($"/appraisals.csv?instrument={JbiQuasiExperimental.Id}"))
            .ShouldEndWith("\r\nCohen et al. (2023),yes,,,no,yes,yes,yes,yes,yes,awaiting consensus,\r\n");

        // The lead settles the two disputed items; the agreed items keep the appraisers' ratings: 8/9, accepted.
        var settled = await scenario.RatedAsync(scenario.Review.Lead, record, JbiQuasiExperimental.Id,
            AppraisalScenario.Ratings(("2", "yes"), ("3", "yes")), note: "Comparison groups are reported", consensus: true);
        (settled.Str("basis"), settled.GetProperty("final").GetBoolean(), settled.Str("total"), settled.Str("verdict"), settled.Str("status"))
            .ShouldBe(("consensus", true, "8/9 (88.9%)", "accepted", RecordStatus.AwaitingFullText));
        var row = await scenario.RowAsync(JbiQuasiExperimental.Id, record);
        row.GetProperty("consensus").GetProperty("2").GetString().ShouldBe("yes");
    }

    [Fact]
    public async Task A_consensus_that_rejects_excludes_the_record()
    {
        var (scenario, record) = await DualAppraisalOfCohenAsync();
        await scenario.RatedAsync(scenario.A1, record, JbiQuasiExperimental.Id, CohenWith());
        await scenario.RatedAsync(scenario.A2, record, JbiQuasiExperimental.Id, CohenWith(("2", "yes")));

        // Consensus on item 2 as not applicable: the appraisers' agreed ratings elsewhere give 6/9 again.
        var settled = await scenario.RatedAsync(scenario.Review.Resolver, record, JbiQuasiExperimental.Id,
            AppraisalScenario.Ratings(("2", "not-applicable")), note: "The comparison group is historical, so item 2 does not apply", consensus: true);

        (settled.Str("basis"), settled.Str("total"), settled.Str("status")).ShouldBe(("consensus", "6/9 (66.7%)", RecordStatus.ExcludedFullText));
        var trail = (await scenario.Review.GetJsonAsync(scenario.Review.Lead, $"/records/{record}/trail")).GetProperty("events").EnumerateArray().ToList();
        (trail[^1].Str("event"), trail[^1].Str("actorId"), trail[^1].Str("reasonCode")).ShouldBe(("screening_decided", scenario.Review.Resolver, "quality-below-threshold"));
    }

    [Fact]
    public async Task While_blinded_an_appraiser_sees_only_their_own_ratings_until_the_appraisal_is_final()
    {
        var (scenario, record) = await DualAppraisalOfCohenAsync();
        await scenario.RatedAsync(scenario.A1, record, JbiQuasiExperimental.Id, CohenWith());

        AppraisalScenario.Row(await scenario.AppraisalsAsync(scenario.A2), JbiQuasiExperimental.Id, record).ShouldBeNull();
        var own = await scenario.RowAsync(JbiQuasiExperimental.Id, record, scenario.A1);
        own.GetProperty("blinded").GetBoolean().ShouldBeTrue();
        var lead = await scenario.RowAsync(JbiQuasiExperimental.Id, record);
        (lead.GetProperty("blinded").GetBoolean(), lead.Str("basis")).ShouldBe((false, "single-appraiser"));

        await scenario.RatedAsync(scenario.A2, record, JbiQuasiExperimental.Id, CohenWith(("4", "yes")));
        var a2 = await scenario.RowAsync(JbiQuasiExperimental.Id, record, scenario.A2);
        (a2.Str("basis"), a2.GetProperty("appraisers").GetArrayLength(), a2.Str("total")).ShouldBe(("single-appraiser", 1, "7/9 (77.8%)"));
        (await scenario.RowAsync(JbiQuasiExperimental.Id, record)).Str("basis").ShouldBe("awaiting-consensus");
    }

    [Fact]
    public async Task A_changed_rating_is_a_new_event_with_its_note_and_the_table_follows_it()
    {
        var scenario = await AppraisalScenario.WithAppraisersAsync(app);
        var record = (await scenario.RetrievedStudiesAsync(AppraisalScenario.Seed(Cohen)))[Cohen];
        await scenario.RatedAsync(scenario.A1, record, JbiQuasiExperimental.Id, CohenWith());

        var revised = await scenario.RatedAsync(scenario.A1, record, JbiQuasiExperimental.Id, CohenWith(("4", "yes")), note: "Historical controls count as a control group");

        revised.GetProperty("ratingsRecorded").GetInt32().ShouldBe(1); // the unchanged eight record nothing
        revised.Str("total").ShouldBe("7/7 (100%)");
        var rated = (await scenario.Review.GetJsonAsync(scenario.Review.Lead, $"/records/{record}/trail")).GetProperty("events").EnumerateArray()
            .Where(e => e.Str("event") == "appraisal_item_rated" && e.GetProperty("data").Str("itemId") == "4").ToList();
        rated.Select(e => (e.GetProperty("data").Str("rating"), e.GetProperty("data").GetProperty("isRevision").GetBoolean(), e.GetProperty("data").Str("note")))
            .ShouldBe([("no", false, null), ("yes", true, "Historical controls count as a control group")]);
        rated.ShouldAllBe(e => e.Str("actorId") == scenario.A1);
        (await scenario.RowAsync(JbiQuasiExperimental.Id, record)).GetProperty("ratings").GetProperty("4").GetString().ShouldBe("yes");

        var again = await scenario.RatedAsync(scenario.A1, record, JbiQuasiExperimental.Id, CohenWith(("4", "yes")));
        again.GetProperty("ratingsRecorded").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task A_justification_travels_with_its_rating()
    {
        var scenario = await AppraisalScenario.WithAppraisersAsync(app);
        var record = (await scenario.RetrievedStudiesAsync(AppraisalScenario.Seed(Cohen)))[Cohen];

        var response = await scenario.RateAsync(scenario.A1, record, JbiQuasiExperimental.Id, AppraisalScenario.Ratings(("4", "no")),
            justifications: AppraisalScenario.Ratings(("4", "Single-arm open-label study")));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rated = (await scenario.Review.GetJsonAsync(scenario.Review.Lead, $"/records/{record}/trail")).GetProperty("events").EnumerateArray()
            .Single(e => e.Str("event") == "appraisal_item_rated");
        rated.GetProperty("data").Str("justification").ShouldBe("Single-arm open-label study");
        rated.GetProperty("data").Str("instrumentVersion").ShouldBe("2017");
    }
}
