using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Shouldly;

namespace EventReview.Tests.WebConsole;

/// <summary>A review of a test's own, built over HTTP: a lead, two blinded screeners (two per record), a resolver, imported records.</summary>
public sealed record ConsoleReview(ConsoleHost Host, Guid Id, string Lead, string Screener, string OtherScreener, string Resolver, IReadOnlyList<Guid> Records)
{
    /// <summary>A name that must never reach the screener's page while the stage is blinded.</summary>
    public const string OtherScreenerName = "Zebulon Otherscreener";

    public static async Task<ConsoleReview> CreateAsync(ConsoleHost host, int records)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (lead, screener, other, resolver) = ($"lead-{suffix}", $"screener-{suffix}", $"zed-{suffix}", $"resolver-{suffix}");
        var client = host.Client(lead, "Console Lead");
        var id = (await PostAsync(client, "/api/reviews", new { title = $"Console review {suffix}" })).GetProperty("id").GetGuid();
        foreach (var (user, name, role) in new[] { (screener, "Screener One", "screener"), (other, OtherScreenerName, "screener"), (resolver, "Resolver Three", "resolver") })
            await PostAsync(client, $"/api/reviews/{id}/members", new { userId = user, name, roles = new[] { role } });
        (await client.PutAsJsonAsync($"/api/reviews/{id}/stages/title-abstract", new { reviewersPerRecord = 2, blinded = true })).EnsureSuccessStatusCode();
        var search = (await PostAsync(client, $"/api/reviews/{id}/searches",
            new { source = "PubMed", kind = "database", query = "console", searchedOn = "2026-01-02" })).GetProperty("id").GetGuid();
        var ris = new StringBuilder();
        for (var i = 1; i <= records; i++)
            ris.Append($"TY  - JOUR\nTI  - Console record {i} on stem cells\nAU  - Author, A\nPY  - 2020\nJO  - Journal of Tests\nAB  - Abstract of record {i}.\nER  - \n\n");
        var import = await client.PostAsync(new Uri($"/api/reviews/{id}/searches/{search}/imports?format=ris", UriKind.Relative), new StringContent(ris.ToString()));
        import.EnsureSuccessStatusCode();
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/reviews/{id}/records?pageSize=100");
        var ids = page.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList();
        ids.Count.ShouldBe(records);
        return new ConsoleReview(host, id, lead, screener, other, resolver, ids);
    }

    public Task VoteAsync(string user, Guid record, string decision, string? note = null) =>
        PostAsync(Host.Client(user), $"/api/reviews/{Id}/records/{record}/votes", new { stage = "title-abstract", decision, note = note ?? $"{user} says {decision}" });

    public Task<JsonElement> GetAsync(string user, string path) => Host.Client(user).GetFromJsonAsync<JsonElement>($"/api/reviews/{Id}{path}");

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
