using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventReview.Appraisal;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.AppraisalFlow;

/// <summary>
/// A review with the team of <see cref="ReviewScenario"/> plus two appraisers, and the seed review's included
/// studies imported as records (first author and year as the seed prints them) and brought to full text.
/// </summary>
public sealed class AppraisalScenario(ReviewScenario review)
{
    public ReviewScenario Review { get; } = review;

    public string A1 => Review.Lead.Replace("lead-", "appraiser1-", StringComparison.Ordinal);
    public string A2 => Review.Lead.Replace("lead-", "appraiser2-", StringComparison.Ordinal);

    public static async Task<AppraisalScenario> WithAppraisersAsync(AppFixture app)
    {
        var scenario = new AppraisalScenario(await ReviewScenario.WithTeamAsync(app));
        await scenario.Review.OkAsync(scenario.Review.Lead, HttpMethod.Post, "/members",
            new { userId = scenario.A1, name = "Appraiser One", roles = new[] { "appraiser" } });
        await scenario.Review.OkAsync(scenario.Review.Lead, HttpMethod.Post, "/members",
            new { userId = scenario.A2, name = "Appraiser Two", roles = new[] { "appraiser" } });
        await scenario.PapersRuleAsync();
        return scenario;
    }

    /// <summary>The seed paper's rule stated by the lead, as the seed states it: points summed, excluded below 70%.</summary>
    public async Task PapersRuleAsync(bool excludeOnQuality = true)
    {
        foreach (var instrument in new[] { Rob1.Instrument, JbiQuasiExperimental.Instrument, Amstar2.Instrument, Sanra2.Instrument })
        {
            var rule = ScoringRule.Seed(instrument.Ratings);
            await Review.OkAsync(Review.Lead, HttpMethod.Put, $"/appraisal-scoring/{instrument.Id}",
                new { points = rule.Points, thresholdPercent = rule.ThresholdPercent, notApplicable = "exclude-from-denominator", excludeOnQuality });
        }
    }

    /// <summary>The seed studies as imported records, by their printed name, each included at title-abstract and retrieved.</summary>
    public async Task<IReadOnlyDictionary<string, Guid>> RetrievedStudiesAsync(params SeedAppraisal[] studies)
    {
        var records = await StudiesAsync(studies);
        foreach (var record in records.Values) await Review.ToFullTextAsync(record);
        return records;
    }

    /// <summary>The seed studies imported as records (not yet screened), by their printed name.</summary>
    public async Task<IReadOnlyDictionary<string, Guid>> StudiesAsync(params SeedAppraisal[] studies)
    {
        var search = await Review.SearchAsync("PubMed", studies.Length);
        var ris = string.Concat(studies.Select(s =>
        {
            var family = s.Study.Split(' ')[0];
            var year = s.Study[^5..^1];
            return $"TY  - JOUR\r\nTI  - {s.Study} appraised with {s.InstrumentId}\r\nAU  - {family}, A.\r\nAU  - Coauthor, B.\r\n"
                + $"PY  - {year}\r\nDO  - 10.1000/seed.{s.Reference}.{Guid.NewGuid():N}\r\nER  - \r\n\r\n";
        }));
        var ids = (await Review.ImportAsync(search, ris)).RecordIds!;
        ids.Count.ShouldBe(studies.Length);
        return studies.Select((s, i) => (s.Study, Id: ids[i])).ToDictionary(s => s.Study, s => s.Id);
    }

    public Task<HttpResponseMessage> RateAsync(string user, Guid record, string instrument, IReadOnlyDictionary<string, string> ratings,
        string? note = null, bool consensus = false, IReadOnlyDictionary<string, string>? justifications = null) =>
        Review.SendAsync(user, HttpMethod.Post, $"/records/{record}/appraisals", new { instrument, ratings, note, consensus, justifications });

    /// <summary>Rates and expects 200; returns the answer.</summary>
    public async Task<JsonElement> RatedAsync(string user, Guid record, string instrument, IReadOnlyDictionary<string, string> ratings,
        string? note = null, bool consensus = false)
    {
        var response = await RateAsync(user, record, instrument, ratings, note, consensus);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Every seed study's published ratings entered by one appraiser.</summary>
    public async Task SeedRatingsEnteredAsync(IReadOnlyDictionary<string, Guid> records, string? appraiser = null)
    {
        foreach (var seed in SeedAppraisals.All.Where(s => records.ContainsKey(s.Study)))
            await RatedAsync(appraiser ?? A1, records[seed.Study], seed.InstrumentId, seed.Ratings);
    }

    public Task<JsonElement> AppraisalsAsync(string? user = null) => Review.GetJsonAsync(user ?? Review.Lead, "/appraisals");

    public static JsonElement? Row(JsonElement appraisals, string instrument, Guid record)
    {
        foreach (var table in appraisals.GetProperty("instruments").EnumerateArray().Where(t => t.GetProperty("instrument").GetString() == instrument))
            foreach (var row in table.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("recordId").GetGuid() == record))
                return row;
        return null;
    }

    public async Task<JsonElement> RowAsync(string instrument, Guid record, string? user = null) =>
        Row(await AppraisalsAsync(user), instrument, record) ?? throw new ShouldAssertException($"no {instrument} row for {record}");

    /// <summary>The record's trail as event names, in order.</summary>
    public async Task<IReadOnlyList<string>> TrailAsync(Guid record) =>
        [.. (await Review.GetJsonAsync(Review.Lead, $"/records/{record}/trail")).GetProperty("events").EnumerateArray()
            .Select(e => e.GetProperty("event").GetString()!)];

    public async Task<string> CsvAsync(string path)
    {
        var response = await Review.SendAsync(Review.Lead, HttpMethod.Get, path);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/csv");
        return text;
    }

    public async Task<JsonElement> ReviewAsync() => await Review.GetJsonAsync(Review.Lead, "");

    public static Dictionary<string, string> Ratings(params (string Item, string Rating)[] ratings) =>
        ratings.ToDictionary(r => r.Item, r => r.Rating, StringComparer.Ordinal);

    public static SeedAppraisal Seed(string study) => SeedAppraisals.All.Single(s => s.Study == study);
}

internal static class JsonRead
{
    public static string? Str(this JsonElement e, string name) =>
        e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetString();

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}
