using System.Net;
using EventReview.Appraisal;
using EventReview.Records;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.AppraisalFlow;

/// <summary>
/// The seed review's Tables 3 to 6 (Amin et al. 2025, Cureus 17(6):e86988) entered item by item through the API
/// reproduce each row's total and verdict under the seed's rule (1 point for low, yes, partial yes or "1", 2 for
/// "2", accepted at 70% or more). The expected numbers are worked by hand, as in the library's SeedAppraisalTests.
/// </summary>
public class SeedTablesTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Table3_jbi_gives_6_of_7_for_Cohen_and_8_of_9_for_Jamali_both_accepted()
    {
        // Cohen: yes on 1, 5, 6, 7, 8, 9 = 6 points; N/A on 2 and 3 leave the maximum (the default): 9 - 2 = 7.
        //   6/7 = 85.71% >= 70% -> accepted. Jamali: yes on all but item 4 = 8/9 = 88.89% -> accepted.
        var scenario = await AppraisalScenario.WithAppraisersAsync(app);
        var records = await scenario.RetrievedStudiesAsync(AppraisalScenario.Seed("Cohen et al. (2023)"), AppraisalScenario.Seed("Jamali et al. (2024)"));
        await scenario.SeedRatingsEnteredAsync(records);

        var cohen = await scenario.RowAsync(JbiQuasiExperimental.Id, records["Cohen et al. (2023)"]);
        (cohen.Str("study"), cohen.Str("total"), cohen.GetProperty("score").GetInt32(), cohen.GetProperty("maximum").GetInt32())
            .ShouldBe(("Cohen et al. (2023)", "6/7 (85.7%)", 6, 7));
        cohen.GetProperty("percentage").GetDouble().ShouldBe(600.0 / 7, 1e-9);
        (cohen.Str("verdict"), cohen.GetProperty("final").GetBoolean(), cohen.Str("basis")).ShouldBe(("accepted", true, "single-appraiser"));
        cohen.GetProperty("notApplicableItems").EnumerateArray().Select(e => e.GetString()).ShouldBe(["2", "3"]);
        cohen.GetProperty("ratings").GetProperty("2").GetString().ShouldBe("not-applicable");

        var jamali = await scenario.RowAsync(JbiQuasiExperimental.Id, records["Jamali et al. (2024)"]);
        (jamali.Str("total"), jamali.Str("verdict")).ShouldBe(("8/9 (88.9%)", "accepted"));

        // Accepted on quality changes nothing in screening: both still await their full-text votes.
        (await scenario.Review.StatusOfAsync(records["Cohen et al. (2023)"])).ShouldBe(RecordStatus.AwaitingFullText);
    }

    [Fact]
    public async Task Table3_with_not_applicable_counted_as_zero_rejects_Cohen_at_6_of_9_and_excludes_it_on_quality()
    {
        // Cohen: 6 points, the two N/A items score 0 but stay in the maximum: 6/9 = 66.67% < 70% -> rejected.
        // Jamali has no N/A item: 8/9 = 88.89% -> accepted.
        var scenario = await AppraisalScenario.WithAppraisersAsync(app);
        var review = scenario.Review;
        var records = await scenario.RetrievedStudiesAsync(AppraisalScenario.Seed("Cohen et al. (2023)"), AppraisalScenario.Seed("Jamali et al. (2024)"));
        await review.OkAsync(review.Lead, HttpMethod.Put, $"/appraisal-scoring/{JbiQuasiExperimental.Id}",
            new { thresholdPercent = 70, notApplicable = "count-as-zero", excludeOnQuality = true });
        var cohen = records["Cohen et al. (2023)"];

        var answer = await scenario.RatedAsync(scenario.A1, cohen, JbiQuasiExperimental.Id, AppraisalScenario.Seed("Cohen et al. (2023)").Ratings);
        (answer.Str("total"), answer.Str("verdict"), answer.Str("status"), answer.GetProperty("excludedOnQuality").GetBoolean())
            .ShouldBe(("6/9 (66.7%)", "rejected", RecordStatus.ExcludedFullText, true));
        await scenario.RatedAsync(scenario.A1, records["Jamali et al. (2024)"], JbiQuasiExperimental.Id, AppraisalScenario.Seed("Jamali et al. (2024)").Ratings);

        (await scenario.Review.StatusOfAsync(cohen)).ShouldBe(RecordStatus.ExcludedFullText);
        var excluded = await review.GetJsonAsync(review.Lead, "/records?reason=quality-below-threshold");
        excluded.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ShouldBe([cohen]);

        var trail = (await review.GetJsonAsync(review.Lead, $"/records/{cohen}/trail")).GetProperty("events").EnumerateArray().ToList();
        trail.Count(e => e.Str("event") == "appraisal_item_rated").ShouldBe(9);
        var decided = trail[^1];
        (decided.Str("event"), decided.Str("stage"), decided.Str("decision"), decided.Str("reasonCode"), decided.Str("reasonLabel"), decided.Str("actorId"))
            .ShouldBe(("screening_decided", "full-text", "exclude", "quality-below-threshold", "Quality below threshold", scenario.A1));
        decided.Str("note").ShouldBe("JBI Critical Appraisal Checklist for Quasi-Experimental Studies (jbi-quasi-experimental 2017): 6/9 (66.7%) is below the 70% threshold");
        decided.GetProperty("data").GetProperty("basis").GetString().ShouldBe("appraisal");

        // The first exclusion on quality put the reason into the review's catalogue, once.
        (await scenario.ReviewAsync()).GetProperty("exclusionReasons").EnumerateArray()
            .Where(r => r.Str("code") == "quality-below-threshold")
            .Select(r => (r.Str("stage"), r.Str("label"))).ShouldBe([("full-text", "Quality below threshold")]);

        var row = await scenario.RowAsync(JbiQuasiExperimental.Id, cohen);
        (row.Str("recordStatus"), row.GetProperty("excludedOnQuality").GetBoolean()).ShouldBe((RecordStatus.ExcludedFullText, true));
    }

    [Fact]
    public async Task Table4_risk_of_bias_scores_out_of_seven_domains_so_Petrou_is_rejected_but_not_final_and_Harris_accepted()
    {
        // Table 4 rates five of RoB 1's seven domains; Table 2 scores the tool out of 7.
        // Petrou: low, unclear, low, unclear, low = 3 points; 3/7 = 42.86% < 70% -> rejected. Two domains unrated,
        //   so the appraisal is incomplete, not final, and the record is not excluded.
        // Harris: five low = 5/7 = 71.43% >= 70% -> accepted (also incomplete).
        var scenario = await AppraisalScenario.WithAppraisersAsync(app);
        var records = await scenario.RetrievedStudiesAsync(AppraisalScenario.Seed("Petrou et al. (2022)"), AppraisalScenario.Seed("Harris et al. (2024)"));
        await scenario.SeedRatingsEnteredAsync(records);

        var petrou = await scenario.RowAsync(Rob1.Id, records["Petrou et al. (2022)"]);
        (petrou.Str("total"), petrou.Str("verdict"), petrou.GetProperty("complete").GetBoolean(), petrou.GetProperty("final").GetBoolean())
            .ShouldBe(("3/7 (42.9%)", "rejected", false, false));
        petrou.GetProperty("missingItems").EnumerateArray().Select(e => e.GetString()).ShouldBe(["blinding-outcome-assessment", "incomplete-outcome-data"]);
        (await scenario.Review.StatusOfAsync(records["Petrou et al. (2022)"])).ShouldBe(RecordStatus.AwaitingFullText);

        var harris = await scenario.RowAsync(Rob1.Id, records["Harris et al. (2024)"]);
        (harris.Str("total"), harris.Str("verdict")).ShouldBe(("5/7 (71.4%)", "accepted"));
        // The score's verdict is provisional: neither appraisal is complete, so neither has an outcome yet.
        (petrou.Str("outcome"), harris.Str("outcome")).ShouldBe(("incomplete", "incomplete"));
    }

    [Fact]
    public async Task Table5_amstar2_scores_14_15_15_of_16_all_accepted_with_the_official_confidence_low_high_high()
    {
        // Yes and partial yes score 1, no 0. Zeng: no on items 7 and 10 -> 14/16 = 87.5%. Islam and Nawar: no on
        // item 10 only -> 15/16 = 93.75%. Confidence (Shea et al. 2017): Zeng's no on critical item 7 is one
        // critical flaw -> low; Islam and Nawar have one non-critical weakness (item 10) -> high.
        var scenario = await AppraisalScenario.WithAppraisersAsync(app);
        var records = await scenario.RetrievedStudiesAsync(
            AppraisalScenario.Seed("Zeng et al. (2022)"), AppraisalScenario.Seed("Islam et al. (2023)"), AppraisalScenario.Seed("Nawar et al. (2024)"));
        await scenario.SeedRatingsEnteredAsync(records);
        var appraisals = await scenario.AppraisalsAsync();

        var expected = new[] { ("Zeng et al. (2022)", "14/16 (87.5%)", "low"), ("Islam et al. (2023)", "15/16 (93.8%)", "high"), ("Nawar et al. (2024)", "15/16 (93.8%)", "high") };
        foreach (var (study, total, confidence) in expected)
        {
            var row = AppraisalScenario.Row(appraisals, Amstar2.Id, records[study])!.Value;
            (row.Str("total"), row.Str("verdict"), row.GetProperty("overallRating").Str("code")).ShouldBe((total, "accepted", confidence), study);
        }
        AppraisalScenario.Row(appraisals, Amstar2.Id, records["Zeng et al. (2022)"])!.Value.GetProperty("overallRating").Str("basis")
            .ShouldBe("critical flaws: item 7; non-critical weaknesses: item 10");
        var table = appraisals.GetProperty("instruments").EnumerateArray().Single(t => t.Str("instrument") == Amstar2.Id);
        table.GetProperty("hasOverallRating").GetBoolean().ShouldBeTrue();
        table.GetProperty("columns").EnumerateArray().Select(c => c.Str("header")).Take(2).ShouldBe(["PICO", "Protocol"]);
    }

    [Fact]
    public async Task Table6_sanra_sent_as_numbers_gives_Hu_10_of_12_accepted()
    {
        // Hu: 2 + 2 + 1 + 2 + 2 + 1 = 10 of 6 x 2 = 12; 10/12 = 83.33% >= 70% -> accepted.
        var scenario = await AppraisalScenario.WithAppraisersAsync(app);
        var records = await scenario.RetrievedStudiesAsync(AppraisalScenario.Seed("Hu et al. (2024)"));
        var hu = records["Hu et al. (2024)"];

        var response = await scenario.Review.SendAsync(scenario.A1, HttpMethod.Post, $"/records/{hu}/appraisals",
            new { instrument = Sanra2.Id, ratings = new Dictionary<string, int> { ["1"] = 2, ["2"] = 2, ["3"] = 1, ["4"] = 2, ["5"] = 2, ["6"] = 1 } });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        var row = await scenario.RowAsync(Sanra2.Id, hu);
        (row.Str("total"), row.Str("verdict"), row.GetProperty("final").GetBoolean()).ShouldBe(("10/12 (83.3%)", "accepted", true));
        row.GetProperty("ratings").GetProperty("3").GetString().ShouldBe("1");
    }

    [Fact]
    public async Task The_tables_come_as_csv_per_instrument_and_all_together()
    {
        var scenario = await AppraisalScenario.WithAppraisersAsync(app);
        var records = await scenario.RetrievedStudiesAsync([.. SeedAppraisals.All]);
        await scenario.SeedRatingsEnteredAsync(records);

        // As the library's CSV test prints Table 5, without the printed-total columns (the API has none).
        var amstar = (await scenario.CsvAsync($"/appraisals.csv?instrument={Amstar2.Id}")).Split("\r\n");
        amstar[0].ShouldStartWith("Study,PICO,Protocol,");
        amstar[0].ShouldEndWith(",Total,Verdict,Overall");
        amstar[1].ShouldBe("Zeng et al. (2022),yes,yes,partial-yes,yes,yes,yes,no,partial-yes,yes,no,yes,partial-yes,yes,yes,partial-yes,partial-yes,14/16 (87.5%),accepted,low");
        amstar[2].ShouldEndWith(",15/16 (93.8%),accepted,high");
        amstar[3].ShouldEndWith(",15/16 (93.8%),accepted,high");
        amstar.Length.ShouldBe(5);

        (await scenario.CsvAsync($"/appraisals?format=csv&instrument={Sanra2.Id}")).ShouldBe(
            "Study,Importance for the readership,Concrete aims or questions,Literature search,Referencing,Scientific reasoning,Presentation of data,Total,Verdict\r\n" +
            "Hu et al. (2024),2,2,1,2,2,1,10/12 (83.3%),accepted\r\n");

        // Every instrument used, in catalogue order, each table after a line naming it.
        var all = await scenario.CsvAsync("/appraisals.csv");
        var blocks = all.Split("\r\n\r\n");
        blocks.Select(b => b.Split("\r\n")[0]).ShouldBe(
        [
            "Cochrane risk-of-bias tool for randomised trials (RoB 1) (rob1 2011)",
            "JBI Critical Appraisal Checklist for Quasi-Experimental Studies (jbi-quasi-experimental 2017)",
            "AMSTAR 2: a critical appraisal tool for systematic reviews (amstar2 2017)",
            "SANRA: Scale for the Assessment of Narrative Review Articles (sanra2 2019)",
        ]);
        blocks[1].ShouldContain("\r\nCohen et al. (2023),yes,not-applicable,not-applicable,no,yes,yes,yes,yes,yes,6/7 (85.7%),accepted\r\n");
        blocks[0].ShouldContain("\r\nPetrou et al. (2022),low,unclear,low,,,unclear,low,3/7 (42.9%),rejected,\r\n");
    }
}
