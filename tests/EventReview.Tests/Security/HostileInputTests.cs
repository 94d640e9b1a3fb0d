using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventReview.Hosting;
using Shouldly;

namespace EventReview.Tests.Security;

/// <summary>
/// Hostile input on every route, sent by the caller the route is for, at a target where the valid request succeeds:
/// malformed JSON, wrong types, missing required fields, unknown enum values, over-long text, garbage and unknown ids,
/// query values that do not parse. Every answer is a 4xx problem-details document; none is a 500 or shows a stack trace.
/// </summary>
public class HostileInputTests(MatrixReview review) : IClassFixture<MatrixReview>
{
    private static readonly Target Example = new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "example");

    /// <summary>Every route that takes a JSON body.</summary>
    private static IEnumerable<string> JsonRoutes =>
        AccessMatrix.Rows.Select(r => r.Route).Where(r => RouteRequests.Body(r, Example) is { } body && body is not Upload);

    public static TheoryData<string, string> MalformedBodies() =>
    [
        .. JsonRoutes.SelectMany(route => new[] { "", "{\"", "{\"a\": }", "{\"a\": 1,}", "null", "[]", "\"text\"", "42", "true", "{} {}", "\u00ff\u00fe" }
            .Select(body => (route, body))),
    ];

    [Theory, MemberData(nameof(MalformedBodies))]
    public async Task A_body_that_is_not_the_expected_JSON_object_is_a_400(string route, string body)
    {
        await (await SendAsync(route, new RawJson(body))).ShouldBeProblemDetailsAsync(400);
    }

    public static TheoryData<string, string> Properties() =>
    [
        .. JsonRoutes.SelectMany(route => ValidBody(route, Example).Select(p => (route, p.Key))),
    ];

    [Theory, MemberData(nameof(Properties))]
    public async Task A_property_of_the_wrong_JSON_type_is_a_400(string route, string property)
    {
        var body = ValidBody(route);
        body[property] = body[property]?.GetValueKind() switch
        {
            JsonValueKind.String => JsonValue.Create(12345),
            JsonValueKind.Number => JsonValue.Create("not-a-number"),
            JsonValueKind.True or JsonValueKind.False => JsonValue.Create("yes"),
            JsonValueKind.Array => new JsonObject { ["a"] = 1 },
            _ => JsonValue.Create(42),
        };

        await (await SendAsync(route, new RawJson(body.ToJsonString()))).ShouldBeProblemDetailsAsync(400);
    }

    public static TheoryData<string, string> RequiredFields() => new()
    {
        { "POST /api/reviews", "title" },
        { "POST " + RouteRequests.Review + "/members", "userId" },
        { "POST " + RouteRequests.Review + "/members", "name" },
        { "POST " + RouteRequests.Review + "/members", "roles" },
        { "PUT " + RouteRequests.Review + "/stages/{stage}", "reviewersPerRecord" },
        { "POST " + RouteRequests.Review + "/exclusion-reasons", "code" },
        { "POST " + RouteRequests.Review + "/exclusion-reasons", "label" },
        { "POST " + RouteRequests.Review + "/exclusion-reasons", "stage" },
        { "POST " + RouteRequests.Review + "/searches", "source" },
        { "POST " + RouteRequests.Review + "/searches", "kind" },
        { "POST " + RouteRequests.Review + "/searches", "query" },
        { "POST " + RouteRequests.Review + "/searches", "searchedOn" },
        { "POST " + RouteRequests.Record + "/duplicate-of", "recordId" },
        { "DELETE " + RouteRequests.Record + "/duplicate-of", "note" },
        { "POST " + RouteRequests.Record + "/removal", "reason" },
        { "POST " + RouteRequests.Record + "/removal", "detail" },
        { "POST " + RouteRequests.Record + "/votes", "stage" },
        { "POST " + RouteRequests.Record + "/votes", "decision" },
        { "POST " + RouteRequests.Record + "/resolution", "stage" },
        { "POST " + RouteRequests.Record + "/resolution", "decision" },
        { "POST " + RouteRequests.Record + "/resolution", "note" },
        { "POST " + RouteRequests.Record + "/retrieval", "retrieved" },
        { "POST " + RouteRequests.Record + "/appraisals", "instrument" },
        { "POST " + RouteRequests.Record + "/appraisals", "ratings" },
        { "POST " + RouteRequests.Review + "/instruments", "id" },
        { "POST " + RouteRequests.Review + "/instruments", "version" },
        { "POST " + RouteRequests.Review + "/instruments", "name" },
        { "POST " + RouteRequests.Review + "/instruments", "items" },
        { "POST " + RouteRequests.Review + "/instruments", "ratings" },
        { "PUT " + RouteRequests.Review + "/appraisal-settings", "appraisersPerRecord" },
        { "PUT " + RouteRequests.Review + "/appraisal-scoring/{instrument}", "thresholdPercent" },
        { "PUT " + RouteRequests.Review + "/appraisal-scoring/{instrument}", "notApplicable" },
        { "POST " + RouteRequests.Review + "/reported-flow", "source" },
        { "POST " + RouteRequests.Review + "/reported-flow", "figures" },
        { "POST " + RouteRequests.Review + "/signatures", "scope" },
        { "POST " + RouteRequests.Review + "/signatures", "meaning" },
    };

    [Theory, MemberData(nameof(RequiredFields))]
    public async Task A_missing_required_field_is_a_400_never_a_default(string route, string property)
    {
        var body = ValidBody(route);
        body.Remove(property).ShouldBeTrue();

        await (await SendAsync(route, new RawJson(body.ToJsonString()))).ShouldBeProblemDetailsAsync(400);
    }

    public static TheoryData<string, string, string> UnknownEnumValues() => new()
    {
        { "POST " + RouteRequests.Review + "/members", "roles", "[\"king\"]" },
        { "POST " + RouteRequests.Review + "/members", "roles", "[1]" },
        { "POST " + RouteRequests.Review + "/exclusion-reasons", "stage", "\"middle\"" },
        { "POST " + RouteRequests.Review + "/searches", "kind", "\"magazine\"" },
        { "POST " + RouteRequests.Review + "/searches", "otherMethod", "\"carrier-pigeon\"" },
        { "POST " + RouteRequests.Record + "/removal", "reason", "\"whim\"" },
        { "POST " + RouteRequests.Record + "/votes", "stage", "\"abstract\"" },
        { "POST " + RouteRequests.Record + "/votes", "decision", "\"perhaps\"" },
        { "POST " + RouteRequests.Record + "/votes", "decision", "0" },
        { "POST " + RouteRequests.Record + "/resolution", "decision", "\"perhaps\"" },
        { "POST " + RouteRequests.Review + "/signatures", "scope", "\"everything\"" },
        { "PUT " + RouteRequests.Review + "/appraisal-scoring/{instrument}", "notApplicable", "\"ignore\"" },
        { "POST " + RouteRequests.Review + "/instruments", "overall", "\"made-up\"" },
    };

    [Theory, MemberData(nameof(UnknownEnumValues))]
    public async Task An_unknown_enum_value_is_a_400(string route, string property, string json)
    {
        var body = ValidBody(route);
        body[property] = JsonNode.Parse(json);

        await (await SendAsync(route, new RawJson(body.ToJsonString()))).ShouldBeProblemDetailsAsync(400);
    }

    public static TheoryData<string, string, int> OverLongText() => new()
    {
        { "POST /api/reviews", "title", 501 },
        { "POST /api/reviews", "question", 20_001 },
        { "POST /api/reviews", "eligibilityCriteria", 20_001 },
        { "POST " + RouteRequests.Review + "/members", "userId", 201 },
        { "POST " + RouteRequests.Review + "/members", "name", 201 },
        { "POST " + RouteRequests.Review + "/members", "note", 2_001 },
        { "POST " + RouteRequests.Review + "/exclusion-reasons", "code", 65 },
        { "POST " + RouteRequests.Review + "/exclusion-reasons", "label", 301 },
        { "POST " + RouteRequests.Review + "/searches", "source", 301 },
        { "POST " + RouteRequests.Review + "/searches", "query", 100_001 },
        { "POST " + RouteRequests.Review + "/searches", "filters", 2_001 },
        { "POST " + RouteRequests.Record + "/duplicate-of", "note", 4_001 },
        { "DELETE " + RouteRequests.Record + "/duplicate-of", "note", 4_001 },
        { "POST " + RouteRequests.Record + "/removal", "detail", 2_001 },
        { "POST " + RouteRequests.Record + "/votes", "note", 4_001 },
        { "POST " + RouteRequests.Record + "/votes", "reasonCode", 10_000 },
        { "POST " + RouteRequests.Record + "/resolution", "note", 4_001 },
        { "POST " + RouteRequests.Record + "/retrieval", "note", 4_001 },
        { "POST " + RouteRequests.Record + "/appraisals", "instrument", 101 },
        { "POST " + RouteRequests.Record + "/appraisals", "note", 4_001 },
        { "POST " + RouteRequests.Review + "/instruments", "id", 201 },
        { "POST " + RouteRequests.Review + "/instruments", "version", 201 },
        { "POST " + RouteRequests.Review + "/instruments", "name", 100_000 },
        { "POST " + RouteRequests.Review + "/reported-flow", "source", 501 },
        { "POST " + RouteRequests.Review + "/signatures", "meaning", 501 },
    };

    [Theory, MemberData(nameof(OverLongText))]
    public async Task Text_longer_than_its_limit_is_a_400(string route, string property, int length)
    {
        var body = ValidBody(route);
        body[property] = new string('a', length);

        await (await SendAsync(route, new RawJson(body.ToJsonString()))).ShouldBeProblemDetailsAsync(400);
    }

    [Fact]
    public async Task An_instrument_item_with_over_long_text_is_a_400()
    {
        var route = "POST " + RouteRequests.Review + "/instruments";
        var body = ValidBody(route);
        body["items"]![0]!["text"] = new string('a', 100_000);

        await (await SendAsync(route, new RawJson(body.ToJsonString()))).ShouldBeProblemDetailsAsync(400);
    }

    public static TheoryData<string, string, string> GarbageIds() =>
    [
        .. AccessMatrix.Rows.Select(r => r.Route).SelectMany(route =>
            new[] { "{reviewId}", "{recordId}", "{searchId}" }.Where(p => route.Contains(p, StringComparison.Ordinal))
                .SelectMany(p => new[] { "not-a-guid", Guid.Empty.ToString(), Guid.NewGuid().ToString(), "00000000-0000-0000-0000-00000000000g" }
                    .Select(id => (route, p, id)))),
    ];

    [Theory, MemberData(nameof(GarbageIds))]
    public async Task A_garbage_or_unknown_id_in_the_path_is_a_404(string route, string parameter, string id)
    {
        var target = Target(route);
        var real = parameter switch { "{reviewId}" => target.Review, "{recordId}" => target.Record, _ => target.Search };
        var request = RouteRequests.For(route, target);
        request = request with { Path = request.Path.Replace(real.ToString(), id, StringComparison.Ordinal) };

        await (await review.SendAsync(AllowedCaller(route), request)).ShouldBeProblemDetailsAsync(404);
    }

    [Fact]
    public async Task An_unknown_stage_or_instrument_in_the_path_is_refused()
    {
        var stage = "PUT " + RouteRequests.Review + "/stages/{stage}";
        var badStage = RouteRequests.For(stage, Target(stage)) with { Path = review.Scenario.Url("/stages/abstract") };
        await (await review.SendAsync(Caller.Lead, badStage)).ShouldBeProblemDetailsAsync(400);

        var scoring = "PUT " + RouteRequests.Review + "/appraisal-scoring/{instrument}";
        var badInstrument = RouteRequests.For(scoring, Target(scoring)) with { Path = review.Scenario.Url("/appraisal-scoring/no-such-tool") };
        await (await review.SendAsync(Caller.Lead, badInstrument)).ShouldBeProblemDetailsAsync(404);
    }

    public static TheoryData<Caller, string> UnparseableQueries() => new()
    {
        { Caller.Lead, "/records?page=abc" },
        { Caller.Lead, "/records?pageSize=1.5" },
        { Caller.Lead, "/records?page=99999999999" },
        { Caller.Lead, "/records?status=lost" },
        { Caller.Lead, "/records?stage=abstract" },
        { Caller.ScreenerA, "/queue?take=ten" },
        { Caller.ScreenerA, "/queue?stage=abstract" },
        { Caller.Lead, "/agreement?stage=abstract" },
        { Caller.Lead, "/agreement?weights=cubic" },
        { Caller.Lead, "/agreement?level=cardinal" },
        { Caller.Lead, "/agreement?asOf=yesterday" },
        { Caller.Lead, "/agreement?sequence=last" },
        { Caller.Lead, "/agreement?categories=yes,no" },
        { Caller.Lead, "/appraisals?format=xml" },
        { Caller.Lead, "/appraisals?instrument=no-such-tool" },
        { Caller.Lead, "/appraisals.csv?instrument=no-such-tool" },
        { Caller.Lead, "/audit?from=monday" },
        { Caller.Lead, "/audit?to=2025-13-45" },
        { Caller.Lead, "/audit?record=not-a-guid" },
        { Caller.Lead, "/audit?page=first" },
        { Caller.Lead, "/audit?format=xml" },
        { Caller.Lead, "/prisma?asOf=yesterday" },
        { Caller.Lead, "/prisma?sequence=last" },
        { Caller.Lead, "/prisma.csv?asOf=yesterday" },
        { Caller.Lead, "/prisma.svg?sequence=1e3" },
        { Caller.Lead, "/records/{record}/trail?asOf=yesterday" },
        { Caller.Lead, "/records/{record}/trail?sequence=last" },
    };

    [Theory, MemberData(nameof(UnparseableQueries))]
    public async Task A_query_value_that_does_not_parse_is_a_400(Caller caller, string path)
    {
        var url = review.Scenario.Url(path.Replace("{record}", review.Named("decided").ToString(), StringComparison.Ordinal));

        await (await review.SendAsync(caller, new RouteRequest(HttpMethod.Get, url, null))).ShouldBeProblemDetailsAsync(400);
    }

    public static TheoryData<string> PostQueries() =>
    [
        "/deduplication?threshold=high", "/deduplication?threshold=NaN", "/deduplication?threshold=Infinity", "/deduplication?threshold=2",
        "/searches/{search}/imports?format=docx",
    ];

    [Theory, MemberData(nameof(PostQueries))]
    public async Task A_command_query_value_out_of_range_or_unparseable_is_a_400(string path)
    {
        var url = review.Scenario.Url(path.Replace("{search}", review.SearchId.ToString(), StringComparison.Ordinal));
        var body = path.Contains("imports", StringComparison.Ordinal) ? new Upload("TY  - JOUR\r\nER  - \r\n") : null;

        await (await review.SendAsync(Caller.Lead, new RouteRequest(HttpMethod.Post, url, body))).ShouldBeProblemDetailsAsync(400);
    }

    [Fact]
    public async Task A_page_far_beyond_the_last_is_empty_not_an_error()
    {
        foreach (var path in new[] { "/records?page=2147483647&pageSize=1000", "/audit?page=2147483647&pageSize=5000" })
        {
            var response = await review.SendAsync(Caller.Lead, new RouteRequest(HttpMethod.Get, review.Scenario.Url(path), null));
            var text = await response.Content.ReadAsStringAsync();
            ((int)response.StatusCode).ShouldBe(200, text);
            var page = JsonDocument.Parse(text).RootElement;
            page.GetProperty(path.StartsWith("/records", StringComparison.Ordinal) ? "records" : "rows").GetArrayLength().ShouldBe(0, path);
        }
    }

    public static TheoryData<string> JsonRouteNames() => [.. JsonRoutes];

    [Theory, MemberData(nameof(JsonRouteNames))]
    public async Task A_body_that_is_not_JSON_is_refused_as_unsupported(string route)
    {
        var request = RouteRequests.For(route, Target(route)) with { Body = new Upload("title=hello") };

        await (await review.SendAsync(AllowedCaller(route), request)).ShouldBeProblemDetailsAsync(415);
    }

    private Task<HttpResponseMessage> SendAsync(string route, object body) =>
        review.SendAsync(AllowedCaller(route), RouteRequests.For(route, Target(route)) with { Body = body });

    private Target Target(string route) => review.TargetFor(route, AllowedCaller(route));

    /// <summary>The first caller the matrix lets through (with them only the input can be wrong), else the lead.</summary>
    private static Caller AllowedCaller(string route) =>
        AccessMatrix.Rows.Single(r => r.Route == route).Expected.Where(e => e.Value < 300).Select(e => e.Key).DefaultIfEmpty(Caller.Lead).First();

    private JsonObject ValidBody(string route) => ValidBody(route, Target(route));

    private static JsonObject ValidBody(string route, Target target) =>
        JsonSerializer.SerializeToNode(RouteRequests.Body(route, target), EventReviewJson.Options)!.AsObject();
}
