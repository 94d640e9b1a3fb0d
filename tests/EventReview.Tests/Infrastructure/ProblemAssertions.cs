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
}
