using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventReview.Hosting;
using Shouldly;

namespace EventReview.Tests.Infrastructure;

/// <summary>
/// The API's answers read as typed values with the server's own JSON conventions, so a test names the fields it
/// checks instead of looking them up one by one. A wrong status fails with the body in the message.
/// </summary>
public static class HttpJson
{
    /// <summary>GETs <paramref name="url"/> as <paramref name="user"/>, expects 200 and reads the body.</summary>
    public static async Task<T> GetJsonAsync<T>(this AppFixture app, string url, string user)
    {
        using var client = app.ClientFor(user);
        return await (await client.GetAsync(new Uri(url, UriKind.Relative))).ReadJsonAsync<T>();
    }

    /// <summary>POSTs <paramref name="body"/> as JSON to <paramref name="url"/> as <paramref name="user"/>, expects <paramref name="status"/> and reads the answer.</summary>
    public static async Task<TResponse> PostJsonAsync<TResponse>(this AppFixture app, string url, object? body, string user,
        HttpStatusCode status = HttpStatusCode.OK)
    {
        using var client = app.ClientFor(user);
        using var content = body is null ? null : JsonContent.Create(body, options: EventReviewJson.Options);
        return await (await client.PostAsync(new Uri(url, UriKind.Relative), content)).ReadJsonAsync<TResponse>(status);
    }

    /// <summary>Expects <paramref name="status"/> and reads the body as <typeparamref name="T"/>.</summary>
    public static async Task<T> ReadJsonAsync<T>(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        return JsonSerializer.Deserialize<T>(text, EventReviewJson.Options) ?? throw new ShouldAssertException($"The body is null: {text}");
    }
}
