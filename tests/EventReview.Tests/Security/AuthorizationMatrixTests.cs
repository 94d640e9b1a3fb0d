using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace EventReview.Tests.Security;

/// <summary>Every route against every caller, as <see cref="AccessMatrix"/> writes it down.</summary>
public class AuthorizationMatrixTests(MatrixReview review) : IClassFixture<MatrixReview>
{
    public static TheoryData<string, Caller> Cells()
    {
        var cells = new TheoryData<string, Caller>();
        foreach (var (route, _) in AccessMatrix.Rows)
            foreach (var caller in Enum.GetValues<Caller>())
                cells.Add(route, caller);
        return cells;
    }

    [Theory, MemberData(nameof(Cells))]
    public async Task Each_caller_gets_the_status_the_matrix_writes_down(string route, Caller caller)
    {
        var expected = AccessMatrix.Expected(route, caller);

        var response = await review.SendAsync(caller, RouteRequests.For(route, review.TargetFor(route, caller)));

        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        ((int)response.StatusCode).ShouldBe(expected, $"{route} as {caller}: {body}");
        if (expected >= 400) await response.ShouldBeProblemDetailsAsync(expected);
        if (expected == StatusCodes.Status401Unauthorized) response.Headers.WwwAuthenticate.Select(h => h.Scheme).ShouldContain("Bearer");
        foreach (var secret in review.HiddenFrom(caller)) body.ShouldNotContain(secret, Case.Sensitive, $"{route} as {caller}");
    }

    [Fact]
    public void The_matrix_has_a_row_for_every_route_the_application_maps()
    {
        var mapped = review.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet();

        AccessMatrix.Rows.Select(r => r.Route).Order().ShouldBe(mapped.Order(), ignoreOrder: false);
    }

    [Fact]
    public void The_matrix_has_one_row_per_route()
    {
        AccessMatrix.Rows.GroupBy(r => r.Route).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
    }
}

public static class ProblemDetailsAssertions
{
    /// <summary>An RFC 7807 answer with this status: problem+json, its status inside, and no stack trace.</summary>
    public static async Task ShouldBeProblemDetailsAsync(this HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", text);
        JsonDocument.Parse(text).RootElement.GetProperty("status").GetInt32().ShouldBe(status, text);
        text.ShouldNotContain("   at ", Case.Sensitive, text);
        text.ShouldNotContain("Exception", Case.Sensitive, text);
        // No .NET type name: the client knows the API's fields, not the server's classes.
        text.ShouldNotContain("EventReview.", Case.Sensitive, text);
        text.ShouldNotContain("System.", Case.Sensitive, text);
    }
}
