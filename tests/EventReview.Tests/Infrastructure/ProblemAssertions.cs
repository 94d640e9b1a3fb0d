using System.Net;
using System.Text.Json;
using Shouldly;

namespace EventReview.Tests.Infrastructure;

public static class ProblemAssertions
{
    /// <summary>Asserts a problem-details answer with the status and, for 409, the rule it names.</summary>
    public static async Task ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? rule = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", text);
        if (rule is not null) JsonDocument.Parse(text).RootElement.GetProperty("rule").GetString().ShouldBe(rule, text);
    }

    /// <summary>Every answer is 200, or a 409 problem naming one of <paramref name="rules"/>: a race that a rule settled.</summary>
    public static async Task ShouldBeAcceptedOrRefusedByAsync(this IEnumerable<HttpResponseMessage> responses, params string[] rules)
    {
        foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            var text = await response.Content.ReadAsStringAsync();
            await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
            JsonDocument.Parse(text).RootElement.GetProperty("rule").GetString().ShouldBeOneOf(rules);
        }
    }
}
