using System.Net;
using EventReview.Appraisal;
using EventReview.Tests.Infrastructure;
using JasperFx.Events;
using Marten;
using Shouldly;

namespace EventReview.Tests.AppraisalFlow;

public class AppraisalConcurrencyTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Concurrent_ratings_of_one_record_are_each_stored_whole_or_409_and_no_revision_is_missed()
    {
        var scenario = await AppraisalScenario.WithAppraisersAsync(app);
        var record = (await scenario.RetrievedStudiesAsync(AppraisalScenario.Seed("Hu et al. (2024)")))["Hu et al. (2024)"];
        // Two appraisers each sending twelve SANRA forms at once, every form changing items 1 and 2.
        var requests = Enumerable.Range(0, 24).Select(i => scenario.RateAsync(i % 2 == 0 ? scenario.A1 : scenario.A2, record, Sanra2.Id,
            AppraisalScenario.Ratings(("1", (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture)), ("2", ((i + 1) % 3).ToString(System.Globalization.CultureInfo.InvariantCulture))),
            note: $"pass {i}"));
        var responses = await Task.WhenAll(requests);

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.Conflict);
        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBeGreaterThan(0);

        var store = (IDocumentStore)app.Host.Services.GetService(typeof(IDocumentStore))!;
        await using var session = store.QuerySession();
        var ct = TestContext.Current.CancellationToken;
        var rated = (await session.Events.FetchStreamAsync(record, token: ct)).Select(e => e.Data).OfType<AppraisalItemRated>().ToList();
        // Per appraiser and item: the first rating is the only one that is not a revision, and no rating repeats the one before it.
        foreach (var slot in rated.GroupBy(e => (e.By.Id, e.ItemId)))
        {
            slot.Select(e => e.IsRevision).ShouldBe([false, .. Enumerable.Repeat(true, slot.Count() - 1)]);
            slot.Zip(slot.Skip(1)).ShouldAllBe(pair => pair.First.Rating != pair.Second.Rating);
        }

        var stored = await session.LoadAsync<RecordAppraisal>(record, ct);
        var events = await session.Events.FetchStreamAsync(record, token: ct);
        var folded = events.OfType<IEvent<AppraisalItemRated>>().Aggregate(RecordAppraisal.Empty(scenario.Review.ReviewId, record), (s, e) => s.Apply(e));
        stored!.Ratings.OrderBy(r => (r.RaterId, r.ItemId)).ShouldBe(folded.Ratings.OrderBy(r => (r.RaterId, r.ItemId)));
    }

    [Fact]
    public async Task Concurrent_exclusions_on_quality_add_the_reason_to_the_catalogue_once()
    {
        var scenario = await AppraisalScenario.WithAppraisersAsync(app);
        var seeds = new[] { "Zeng et al. (2022)", "Islam et al. (2023)", "Nawar et al. (2024)" };
        var records = await scenario.RetrievedStudiesAsync([.. seeds.Select(AppraisalScenario.Seed)]);
        // All "no" on AMSTAR 2: 0/16, rejected, one appraiser required: each request excludes its record.
        var allNo = Enumerable.Range(1, 16).ToDictionary(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => Amstar2.No);

        var responses = await Task.WhenAll(seeds.Select(s => scenario.RateAsync(scenario.A1, records[s], Amstar2.Id, allNo)));
        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.Conflict);
        foreach (var (study, response) in seeds.Zip(responses).Where(x => x.Second.StatusCode == HttpStatusCode.Conflict))
            (await scenario.RateAsync(scenario.A1, records[study], Amstar2.Id, allNo)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var excluded = await scenario.Review.GetJsonAsync(scenario.Review.Lead, "/records?reason=quality-below-threshold");
        excluded.GetProperty("total").GetInt32().ShouldBe(3);
        (await scenario.ReviewAsync()).GetProperty("exclusionReasons").EnumerateArray().Count(r => r.Str("code") == "quality-below-threshold").ShouldBe(1);
    }
}
