using System.Net;
using EventReview.Appraisal;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.AppraisalFlow;

/// <summary>Bad input gets a clear 400, 403, 404 or 409, and nothing is appended to the record's stream.</summary>
public class AppraisalRefusalTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly Dictionary<string, string> OneGoodRating = AppraisalScenario.Ratings(("1", "yes"));

    private static async Task ShouldStoreNothingAsync(AppraisalScenario scenario, Guid record, Func<Task> refused)
    {
        var before = await scenario.TrailAsync(record);
        await refused();
        (await scenario.TrailAsync(record)).ShouldBe(before);
        AppraisalScenario.Row(await scenario.AppraisalsAsync(), Amstar2.Id, record).ShouldBeNull();
    }

    [Fact]
    public async Task An_unknown_item_or_a_rating_the_item_does_not_allow_is_400_with_the_librarys_message_and_stores_nothing()
    {
        var scenario = await AppraisalScenario.WithAppraisersAsync(app);
        var record = (await scenario.RetrievedStudiesAsync(AppraisalScenario.Seed("Zeng et al. (2022)")))["Zeng et al. (2022)"];

        await ShouldStoreNothingAsync(scenario, record, async () =>
        {
            // One good rating alongside the bad one: the request is all or nothing.
            var unknownItem = await scenario.RateAsync(scenario.A1, record, Amstar2.Id, AppraisalScenario.Ratings(("1", "yes"), ("17", "yes")));
            await unknownItem.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            (await unknownItem.JsonAsync()).Str("detail")!.ShouldStartWith("unknown item '17' for instrument 'amstar2'; its items are 1, 2, 3,");

            // AMSTAR 2 allows "no meta-analysis conducted" on items 11, 12 and 15 only.
            var notAllowed = await scenario.RateAsync(scenario.A1, record, Amstar2.Id, AppraisalScenario.Ratings(("1", "yes"), ("2", Amstar2.NoMetaAnalysis)));
            await notAllowed.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            (await notAllowed.JsonAsync()).Str("detail")
                .ShouldBe("rating 'no-meta-analysis' is not allowed for item '2' of instrument 'amstar2'; allowed: yes, partial-yes, no");

            var unknownInstrument = await scenario.RateAsync(scenario.A1, record, "amstar3", OneGoodRating);
            await unknownInstrument.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            (await unknownInstrument.JsonAsync()).Str("detail")
                .ShouldBe("unknown instrument 'amstar3'; this review's instruments are rob1, rob2, jbi-quasi-experimental, amstar2, sanra2");

            await (await scenario.RateAsync(scenario.A1, record, Amstar2.Id, new Dictionary<string, string>())).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            await (await scenario.RateAsync(scenario.A1, record, Amstar2.Id, OneGoodRating, justifications: AppraisalScenario.Ratings(("2", "why"))))
                .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        });
    }

    [Fact]
    public async Task Only_appraisers_rate_auditors_and_screeners_get_403_and_outsiders_404()
    {
        var scenario = await AppraisalScenario.WithAppraisersAsync(app);
        var review = scenario.Review;
        var record = (await scenario.RetrievedStudiesAsync(AppraisalScenario.Seed("Zeng et al. (2022)")))["Zeng et al. (2022)"];

        await ShouldStoreNothingAsync(scenario, record, async () =>
        {
            await (await scenario.RateAsync(review.Auditor, record, Amstar2.Id, OneGoodRating)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            await (await scenario.RateAsync(review.S1, record, Amstar2.Id, OneGoodRating)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            await (await scenario.RateAsync(review.Lead, record, Amstar2.Id, OneGoodRating)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            await (await scenario.RateAsync(review.Outsider, record, Amstar2.Id, OneGoodRating)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
            // Consensus ratings are a lead's or resolver's, not an appraiser's.
            await (await scenario.RateAsync(scenario.A1, record, Amstar2.Id, OneGoodRating, consensus: true)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        });

        // The auditor reads.
        (await scenario.AppraisalsAsync(review.Auditor)).GetProperty("instruments").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_record_whose_full_text_was_not_retrieved_is_409_full_text_not_retrieved()
    {
        var scenario = await AppraisalScenario.WithAppraisersAsync(app);
        var review = scenario.Review;
        var records = await scenario.StudiesAsync(AppraisalScenario.Seed("Zeng et al. (2022)"), AppraisalScenario.Seed("Islam et al. (2023)"));
        var unscreened = records["Zeng et al. (2022)"];
        var notRetrieved = records["Islam et al. (2023)"];
        (await review.VoteAsync(review.S1, notRetrieved, "include")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await review.VoteAsync(review.S2, notRetrieved, "include")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await review.RetrievalAsync(notRetrieved, false, "Paywalled")).StatusCode.ShouldBe(HttpStatusCode.OK);

        foreach (var record in new[] { unscreened, notRetrieved })
        {
            await ShouldStoreNothingAsync(scenario, record, async () =>
                await (await scenario.RateAsync(scenario.A1, record, Amstar2.Id, OneGoodRating))
                    .ShouldBeProblemAsync(HttpStatusCode.Conflict, "full-text-not-retrieved"));
        }
    }

    [Fact]
    public async Task Duplicates_removed_records_and_records_excluded_at_full_text_are_409()
    {
        var scenario = await AppraisalScenario.WithAppraisersAsync(app);
        var review = scenario.Review;
        var records = await scenario.StudiesAsync(
            AppraisalScenario.Seed("Zeng et al. (2022)"), AppraisalScenario.Seed("Islam et al. (2023)"), AppraisalScenario.Seed("Nawar et al. (2024)"));
        var (duplicate, removed, excluded) = (records["Zeng et al. (2022)"], records["Islam et al. (2023)"], records["Nawar et al. (2024)"]);
        await review.OkAsync(review.Lead, HttpMethod.Post, $"/records/{duplicate}/duplicate-of", new { recordId = excluded, note = "Same report" });
        await review.OkAsync(review.Lead, HttpMethod.Post, $"/records/{removed}/removal", new { reason = "other", detail = "Retracted" });
        await review.ToFullTextAsync(excluded);
        await review.VoteAsync(review.S1, excluded, "exclude", "full-text", "wrong-design");
        await review.VoteAsync(review.S2, excluded, "exclude", "full-text", "wrong-design");

        foreach (var (record, rule) in new[] { (duplicate, "record-is-duplicate"), (removed, "record-removed"), (excluded, "record-excluded") })
        {
            await ShouldStoreNothingAsync(scenario, record, async () =>
                await (await scenario.RateAsync(scenario.A1, record, Amstar2.Id, OneGoodRating)).ShouldBeProblemAsync(HttpStatusCode.Conflict, rule));
        }
    }

    [Fact]
    public async Task A_changed_rating_without_a_note_is_400_and_stores_none_of_the_request()
    {
        var scenario = await AppraisalScenario.WithAppraisersAsync(app);
        var record = (await scenario.RetrievedStudiesAsync(AppraisalScenario.Seed("Zeng et al. (2022)")))["Zeng et al. (2022)"];
        await scenario.RatedAsync(scenario.A1, record, Amstar2.Id, AppraisalScenario.Ratings(("1", "yes")));
        var before = await scenario.TrailAsync(record);

        var response = await scenario.RateAsync(scenario.A1, record, Amstar2.Id, AppraisalScenario.Ratings(("1", "no"), ("2", "yes")));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).Str("detail").ShouldBe("A changed rating needs a 'note' saying why it changed (items 1).");
        (await scenario.TrailAsync(record)).ShouldBe(before);
        (await scenario.RowAsync(Amstar2.Id, record)).GetProperty("ratings").GetProperty("2").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }
}
