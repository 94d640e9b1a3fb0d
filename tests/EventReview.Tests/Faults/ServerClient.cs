using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;
using Shouldly;

namespace EventReview.Tests.Faults;

/// <summary>A client of a server running in a child process, acting as any user with tokens minted on the tests' key.</summary>
public sealed class ServerClient : IDisposable
{
    private static readonly AuthOptions Auth = new() { SigningKey = AppFixture.SigningKey };
    private static readonly SecurityKey Key = new SymmetricSecurityKey(Convert.FromBase64String(AppFixture.SigningKey)) { KeyId = "local" };

    private readonly HttpClient _http;
    private readonly ConcurrentTokens _tokens = new();

    public ServerClient(Uri address, TimeSpan? timeout = null)
    {
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
        {
            BaseAddress = address,
            Timeout = timeout ?? TimeSpan.FromSeconds(60),
        };
    }

    public async Task<HttpResponseMessage> SendAsync(string user, HttpMethod method, string path, object? body = null,
        IDictionary<string, string>? headers = null, HttpContent? content = null, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.For(user));
        if (body is not null) request.Content = JsonContent.Create(body, options: EventReviewJson.Options);
        if (content is not null) request.Content = content;
        foreach (var (key, value) in headers ?? new Dictionary<string, string>()) request.Headers.Add(key, value);
        return await _http.SendAsync(request, ct);
    }

    public async Task<JsonElement> OkJsonAsync(string user, HttpMethod method, string path, object? body = null)
    {
        using var response = await SendAsync(user, method, path, body);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBeInRange(200, 201, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A review led by <paramref name="lead"/> with the given screeners and one search; returns (review, search).</summary>
    public async Task<(Guid Review, Guid Search)> ReviewWithSearchAsync(string lead, IEnumerable<string> screeners)
    {
        var review = (await OkJsonAsync(lead, HttpMethod.Post, "/api/reviews", new { title = "Fault " + lead, question = "Does it survive?" }))
            .GetProperty("id").GetGuid();
        foreach (var screener in screeners)
            await OkJsonAsync(lead, HttpMethod.Post, $"/api/reviews/{review}/members", new { userId = screener, name = screener, roles = new[] { "screener" } });
        var search = (await OkJsonAsync(lead, HttpMethod.Post, $"/api/reviews/{review}/searches",
                new { source = "PubMed", kind = "database", query = "(fault) AND tolerance", searchedOn = "2025-03-24" }))
            .GetProperty("id").GetGuid();
        return (review, search);
    }

    public async Task<JsonElement> ImportAsync(string lead, Guid review, Guid search, HttpContent body)
    {
        using var response = await SendAsync(lead, HttpMethod.Post, $"/api/reviews/{review}/searches/{search}/imports?format=ris", content: body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public void Dispose() => _http.Dispose();

    private sealed class ConcurrentTokens
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _tokens = new();

        public string For(string user) => _tokens.GetOrAdd(user, u => TokenIssuer.Mint(Auth, Key, u, u, TimeSpan.FromHours(2)));
    }
}
