using System.Net.Http.Json;
using System.Text.Json;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.Security;

/// <summary>
/// The real application on a database of its own, as <see cref="AppFixture"/> builds it, with some settings changed
/// for one test class (a small upload cap, a tiny rate limit) so no other class ever meets them.
/// </summary>
public abstract class ConfiguredApp : AppFixture
{
    /// <summary>The settings this test class changes, on top of those every test host gets.</summary>
    protected abstract IReadOnlyDictionary<string, string?> Settings { get; }

    protected sealed override IReadOnlyDictionary<string, string?> Overrides => Settings;

    /// <summary>A new review led by <paramref name="lead"/> with one search; returns both ids.</summary>
    public async Task<(Guid Review, Guid Search)> ReviewWithSearchAsync(string lead)
    {
        using var client = ClientFor(lead);
        var ct = TestContext.Current.CancellationToken;
        var review = await IdOfAsync(await client.PostAsJsonAsync("/api/reviews", new { title = "Limits" }, ct));
        var search = await IdOfAsync(await client.PostAsJsonAsync($"/api/reviews/{review}/searches",
            new { source = "PubMed", kind = "database", query = "q", searchedOn = "2025-01-01" }, ct));
        return (review, search);
    }

    private static async Task<Guid> IdOfAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(201, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }
}
