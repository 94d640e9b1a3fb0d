using System.Globalization;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using System.Text;
using EventReview.Hosting;
using EventReview.Records;
using Marten;
using Shouldly;

namespace EventReview.Tests.Infrastructure;

/// <summary>
/// A review built step by step over HTTP, the way a client would, with a fresh id per test.
/// Users: "lead" (lead), "s1" and "s2" (screeners), "resolver", "auditor", "outsider" (no membership).
/// </summary>
public sealed class ReviewScenario(AppFixture app, Guid reviewId, string suffix)
{
    public Guid ReviewId { get; } = reviewId;
    public AppFixture App { get; } = app;

    public string Lead => "lead-" + suffix;
    public string S1 => "s1-" + suffix;
    public string S2 => "s2-" + suffix;
    public string Resolver => "resolver-" + suffix;
    public string Auditor => "auditor-" + suffix;
    public string Outsider => "outsider-" + suffix;

    public string Url(string path = "") => $"/api/reviews/{ReviewId}{path}";

    /// <summary>A review with two screeners, a resolver, an auditor, and the exclusion reasons the tests use.</summary>
    public static async Task<ReviewScenario> WithTeamAsync(AppFixture app)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var lead = "lead-" + suffix;
        var created = await Send(app, lead, HttpMethod.Post, "/api/reviews", new { title = "Review " + suffix, question = "Does it work?" });
        var id = (await created.ReadJsonAsync<Created>(HttpStatusCode.Created)).Id;
        var scenario = new ReviewScenario(app, id, suffix);

        await scenario.OkAsync(lead, HttpMethod.Post, "/members", new { userId = scenario.S1, name = "Screener One", roles = new[] { "screener" } });
        await scenario.OkAsync(lead, HttpMethod.Post, "/members", new { userId = scenario.S2, name = "Screener Two", roles = new[] { "screener" } });
        await scenario.OkAsync(lead, HttpMethod.Post, "/members", new { userId = scenario.Resolver, name = "Third Reviewer", roles = new[] { "resolver" } });
        await scenario.OkAsync(lead, HttpMethod.Post, "/members", new { userId = scenario.Auditor, name = "Auditor", roles = new[] { "auditor" } });
        await scenario.OkAsync(lead, HttpMethod.Post, "/exclusion-reasons", new { code = "wrong-population", label = "Wrong population", stage = "title-abstract" });
        await scenario.OkAsync(lead, HttpMethod.Post, "/exclusion-reasons", new { code = "wrong-design", label = "Wrong study design", stage = "full-text" });
        await scenario.OkAsync(lead, HttpMethod.Post, "/exclusion-reasons", new { code = "no-outcome", label = "Outcome not reported", stage = "full-text" });
        return scenario;
    }

    public async Task<Guid> SearchAsync(string source = "PubMed", int? reportedCount = null, string kind = "database", string? otherMethod = null)
    {
        var response = await SendAsync(Lead, HttpMethod.Post, "/searches",
            new { source, kind, otherMethod, query = "(test) AND query", searchedOn = "2025-03-24", filters = "English", reportedCount });
        return (await response.ReadJsonAsync<Created>(HttpStatusCode.Created)).Id;
    }

    /// <summary>Imports <paramref name="count"/> generated RIS records into a new search and returns their ids.</summary>
    public async Task<IReadOnlyList<Guid>> RecordsAsync(int count, string source = "PubMed")
    {
        var search = await SearchAsync(source, count);
        return (await ImportAsync(search, Ris(count, source))).RecordIds!;
    }

    public async Task<ImportSummary> ImportAsync(Guid searchId, string body, string format = "auto")
    {
        using var content = new StringContent(body, Encoding.UTF8, "text/plain");
        using var client = App.ClientFor(Lead);
        var response = await client.PostAsync(new Uri(Url($"/searches/{searchId}/imports?format={format}"), UriKind.Relative), content);
        return await response.ReadJsonAsync<ImportSummary>();
    }

    public static string Ris(int count, string prefix) => string.Concat(Enumerable.Range(1, count).Select(i =>
        $"TY  - JOUR\r\nTI  - {prefix} study number {i} of stem cells\r\nAU  - Author{i}, A.\r\nPY  - 2021\r\nDO  - 10.1000/{prefix.ToLowerInvariant()}.{i}\r\nER  - \r\n\r\n"));

    public Task<HttpResponseMessage> VoteAsync(string user, Guid record, string decision, string stage = "title-abstract",
        string? reasonCode = null, string? note = null) =>
        SendAsync(user, HttpMethod.Post, $"/records/{record}/votes", new { stage, decision, reasonCode, note });

    public Task<HttpResponseMessage> ResolveAsync(string user, Guid record, string decision, string stage = "title-abstract",
        string? reasonCode = null, string? note = "Discussed and agreed") =>
        SendAsync(user, HttpMethod.Post, $"/records/{record}/resolution", new { stage, decision, reasonCode, note });

    public Task<HttpResponseMessage> RetrievalAsync(Guid record, bool retrieved, string? note = null) =>
        SendAsync(Lead, HttpMethod.Post, $"/records/{record}/retrieval", new { retrieved, note });

    /// <summary>Both screeners include at title-abstract and the full text is retrieved.</summary>
    public async Task ToFullTextAsync(Guid record)
    {
        (await VoteAsync(S1, record, "include")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await VoteAsync(S2, record, "include")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RetrievalAsync(record, true)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    public async Task<JsonElement> GetJsonAsync(string user, string path)
    {
        var response = await SendAsync(user, HttpMethod.Get, path);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>GETs a path of this review as <paramref name="user"/>, expects 200 and reads the body.</summary>
    /// <summary>Every record document of the review as stored, read past the API (for invariants over the whole review).</summary>
    public async Task<IReadOnlyList<RecordState>> RecordStatesAsync()
    {
        var store = (IDocumentStore)App.Host.Services.GetService(typeof(IDocumentStore))!;
        await using var session = store.QuerySession();
        return await session.Query<RecordState>().Where(r => r.ReviewId == ReviewId).ToListAsync(TestContext.Current.CancellationToken);
    }

    public Task<T> GetAsync<T>(string user, string path) => App.GetJsonAsync<T>(Url(path), user);

    public Task<RecordTrail> TrailAsync(Guid record, string? user = null) => GetAsync<RecordTrail>(user ?? Lead, $"/records/{record}/trail");

    public async Task<string> StatusOfAsync(Guid record, string? user = null) => (await TrailAsync(record, user)).Status;

    /// <summary>The PRISMA flow as the lead sees it: now, or as it stood at <paramref name="asOf"/>.</summary>
    public Task<PrismaView> PrismaAsync(DateTimeOffset? asOf = null) =>
        GetAsync<PrismaView>(Lead, asOf is { } at ? "/prisma?asOf=" + Uri.EscapeDataString(at.ToString("O", CultureInfo.InvariantCulture)) : "/prisma");

    /// <summary>One page of the record list as the lead sees it; <paramref name="query"/> is the query string, e.g. "status=duplicate".</summary>
    public Task<RecordPage> RecordPageAsync(string query = "", string? user = null) => GetAsync<RecordPage>(user ?? Lead, "/records?" + query);

    public async Task OkAsync(string user, HttpMethod method, string path, object? body = null)
    {
        var response = await SendAsync(user, method, path, body);
        ((int)response.StatusCode).ShouldBeInRange(200, 201, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Sends <paramref name="json"/> exactly as written, for bodies a typed client would never produce.</summary>
    public async Task<HttpResponseMessage> SendRawAsync(string user, HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, Url(path)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        return await App.ClientFor(user, user).SendAsync(request);
    }

    public Task<HttpResponseMessage> SendAsync(string user, HttpMethod method, string path, object? body = null,
        IDictionary<string, string>? headers = null) =>
        Send(App, user, method, Url(path), body, headers);

    public static async Task<HttpResponseMessage> Send(AppFixture app, string user, HttpMethod method, string url, object? body = null,
        IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body, options: EventReviewJson.Options);
        foreach (var (key, value) in headers ?? new Dictionary<string, string>()) request.Headers.Add(key, value);
        return await app.ClientFor(user, user).SendAsync(request);
    }
}
