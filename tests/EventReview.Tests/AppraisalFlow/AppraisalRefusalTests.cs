using System.Net;
using EventReview.Appraisal;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.AppraisalFlow;

/// <summary>
/// Bad ratings get a clear 400 with the library's message, and nothing of the request is appended to the record's
/// stream. Which ratings are refused, by whom and on which records, is tested on the decision (Decisions/RateAppraisalTests).
/// </summary>
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
}
