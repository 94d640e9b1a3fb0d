using System.Net;
using System.Text.Json;
using EventReview.Seed;
using EventReview.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace EventReview.Tests.Seed;

/// <summary>The application on a database of its own, with the seed review loaded as `eventreview demo` loads it.</summary>
public sealed class SeededApp : AppFixture, IAsyncLifetime
{
    public SeedLoadResult Load { get; private set; } = null!;

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        Load = await SeedLoader.LoadAsync(Store, null, CancellationToken.None);
    }

    public Task<JsonElement> GetAsync(string path, string user = "seed-lead") => GetJsonAsync(this, user, path);

    public async Task<string> GetTextAsync(string path, string user = "seed-lead")
    {
        var response = await ClientFor(user).GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return text;
    }

    public static async Task<JsonElement> GetJsonAsync(AppFixture app, string user, string path)
    {
        var response = await app.ClientFor(user).GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

internal static class Json
{
    public static string? Str(this JsonElement e, string name) =>
        e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetString();

    public static int Int(this JsonElement e, string name) => e.GetProperty(name).GetInt32();

    public static List<JsonElement> Items(this JsonElement e, string name) => [.. e.GetProperty(name).EnumerateArray()];
}
