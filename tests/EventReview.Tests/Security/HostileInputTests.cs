using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventReview.Hosting;
using EventReview.Identity;
using Npgsql;
using Shouldly;

namespace EventReview.Tests.Security;

/// <summary>
/// Hostile input on every route, sent by the caller the route is for, at a target where the valid request succeeds:
/// malformed JSON, wrong types, missing required fields, unknown enum values, over-long text, text the database cannot
/// store, garbage and unknown ids, query values that do not parse, uploads with nothing in them, oversized request lines
/// and headers. Every answer is a 4xx problem-details document that names no .NET type, and leaves the event log as it
/// was; none is a 500 or shows a stack trace.
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
        await RefusedAsync(route, new RawJson(body), 400);
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

        var problem = await RefusedAsync(route, new RawJson(body.ToJsonString()), 400);

        // The field is named, and what it takes is said without a .NET type name (checked for every refusal).
        Detail(problem).ShouldContain($"'{property}", Case.Sensitive);
    }

    public static TheoryData<string, string> RequiredFields() => new()
    {
        { "POST /api/reviews", "title" },
        { "POST " + RouteRequests.Review + "/members", "userId" },
        { "POST " + RouteRequests.Review + "/members", "name" },
        { "POST " + RouteRequests.Review + "/members", "roles" },
        { "PUT " + RouteRequests.Review + "/stages/{stage}", "reviewersPerRecord" },
        { "PUT " + RouteRequests.Review + "/highlights", "include" },
        { "PUT " + RouteRequests.Review + "/highlights", "exclude" },
        { "POST " + RouteRequests.Review + "/exclusion-reasons", "code" },
        { "POST " + RouteRequests.Review + "/exclusion-reasons", "label" },
        { "POST " + RouteRequests.Review + "/exclusion-reasons", "stage" },
        { "POST " + RouteRequests.Review + "/searches", "source" },
        { "POST " + RouteRequests.Review + "/searches", "kind" },
        { "POST " + RouteRequests.Review + "/searches", "query" },
        { "POST " + RouteRequests.Review + "/searches", "searchedOn" },
        { "POST " + RouteRequests.Review + "/searches/{searchId}/corrections", "reason" },
        { "POST " + RouteRequests.Review + "/searches/{searchId}/withdrawal", "reason" },
        { "POST " + RouteRequests.Review + "/protocol", "reason" },
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
        { "POST " + RouteRequests.Record + "/reopen", "stage" },
        { "POST " + RouteRequests.Record + "/reopen", "reason" },
        { "POST " + RouteRequests.Record + "/labels", "label" },
        { "DELETE " + RouteRequests.Record + "/labels", "label" },
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

        await RefusedAsync(route, new RawJson(body.ToJsonString()), 400);
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
        { "POST " + RouteRequests.Review + "/signatures", "meaning", "\"endorsement\"" },
        { "PUT " + RouteRequests.Review + "/appraisal-scoring/{instrument}", "notApplicable", "\"ignore\"" },
        { "POST " + RouteRequests.Review + "/instruments", "overall", "\"made-up\"" },
    };

    [Theory, MemberData(nameof(UnknownEnumValues))]
    public async Task An_unknown_enum_value_is_a_400(string route, string property, string json)
    {
        var body = ValidBody(route);
        body[property] = JsonNode.Parse(json);

        var problem = await RefusedAsync(route, new RawJson(body.ToJsonString()), 400);

        Detail(problem).ShouldContain($"'{property}", Case.Sensitive);
        Detail(problem).ShouldContain("must be one of: ", Case.Sensitive);
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
        { "POST " + RouteRequests.Review + "/searches", "platform", 301 },
        { "POST " + RouteRequests.Review + "/searches", "peerReview", 2_001 },
        { "POST " + RouteRequests.Review + "/searches/{searchId}/corrections", "reason", 2_001 },
        { "POST " + RouteRequests.Review + "/searches/{searchId}/corrections", "platform", 301 },
        { "POST " + RouteRequests.Review + "/searches/{searchId}/withdrawal", "reason", 2_001 },
        { "POST " + RouteRequests.Review + "/protocol", "reason", 2_001 },
        { "POST " + RouteRequests.Review + "/protocol", "question", 20_001 },
        { "POST " + RouteRequests.Record + "/duplicate-of", "note", 4_001 },
        { "DELETE " + RouteRequests.Record + "/duplicate-of", "note", 4_001 },
        { "POST " + RouteRequests.Record + "/removal", "detail", 2_001 },
        { "POST " + RouteRequests.Record + "/votes", "note", 4_001 },
        { "POST " + RouteRequests.Record + "/votes", "reasonCode", 10_000 },
        { "POST " + RouteRequests.Record + "/resolution", "note", 4_001 },
        { "POST " + RouteRequests.Record + "/retrieval", "note", 4_001 },
        { "POST " + RouteRequests.Record + "/reopen", "reason", 2_001 },
        { "POST " + RouteRequests.Record + "/labels", "label", 201 },
        { "DELETE " + RouteRequests.Record + "/labels", "label", 201 },
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

        await RefusedAsync(route, new RawJson(body.ToJsonString()), 400);
    }

    public static TheoryData<string, string> BadHighlightLists() => new()
    {
        { "include", "[\"" + new string('a', 101) + "\"]" },
        { "exclude", "[" + string.Join(",", Enumerable.Range(0, 101).Select(i => $"\"term{i}\"")) + "]" },
        { "include", "[\"  \"]" },
        { "exclude", "[\"*\"]" },
        { "include", "[\"st*em\"]" },
        { "include", "[\"stem**\"]" },
    };

    [Theory, MemberData(nameof(BadHighlightLists))]
    public async Task A_highlight_term_too_long_blank_misplaced_wildcard_or_too_many_is_a_400(string property, string json)
    {
        var route = "PUT " + RouteRequests.Review + "/highlights";
        var body = ValidBody(route);
        body[property] = JsonNode.Parse(json);

        var problem = await RefusedAsync(route, new RawJson(body.ToJsonString()), 400);

        Detail(problem).ShouldContain($"'{property}", Case.Sensitive);
    }

    [Fact]
    public async Task An_instrument_item_with_over_long_text_is_a_400()
    {
        var route = "POST " + RouteRequests.Review + "/instruments";
        var body = ValidBody(route);
        body["items"]![0]!["text"] = new string('a', 100_000);

        await RefusedAsync(route, new RawJson(body.ToJsonString()), 400);
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

        await RefusedAsync(AllowedCaller(route), request, 404);
    }

    [Fact]
    public async Task An_unknown_stage_or_instrument_in_the_path_is_refused()
    {
        var stage = "PUT " + RouteRequests.Review + "/stages/{stage}";
        var badStage = RouteRequests.For(stage, Target(stage)) with { Path = review.Scenario.Url("/stages/abstract") };
        await RefusedAsync(Caller.Lead, badStage, 400);

        var scoring = "PUT " + RouteRequests.Review + "/appraisal-scoring/{instrument}";
        var badInstrument = RouteRequests.For(scoring, Target(scoring)) with { Path = review.Scenario.Url("/appraisal-scoring/no-such-tool") };
        await RefusedAsync(Caller.Lead, badInstrument, 404);
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
        { Caller.Lead, "/agreement?instrument=sanra2&categories=x,y" },
        { Caller.Lead, "/agreement?instrument=sanra2&weights=cubic" },
        { Caller.Lead, "/agreement?instrument=sanra2&categories=a,,b" },
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
        { Caller.Lead, "/decisions.csv?asOf=yesterday" },
        { Caller.ScreenerA, "/decisions.csv?sequence=last" },
        { Caller.Lead, "/records/{record}/trail?asOf=yesterday" },
        { Caller.Lead, "/records/{record}/trail?sequence=last" },
    };

    [Theory, MemberData(nameof(UnparseableQueries))]
    public async Task A_query_value_that_does_not_parse_is_a_400(Caller caller, string path)
    {
        var url = review.Scenario.Url(path.Replace("{record}", review.Named("decided").ToString(), StringComparison.Ordinal));

        await RefusedAsync(caller, new RouteRequest(HttpMethod.Get, url, null), 400);
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

        await RefusedAsync(Caller.Lead, new RouteRequest(HttpMethod.Post, url, body), 400);
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

        await RefusedAsync(AllowedCaller(route), request, 415);
    }

    [Fact]
    public async Task An_unknown_enum_value_is_answered_with_the_values_the_field_takes()
    {
        var route = "POST " + RouteRequests.Record + "/votes";
        var body = ValidBody(route);
        body["decision"] = "perhaps";
        var decision = await RefusedAsync(route, new RawJson(body.ToJsonString()), 400);
        body = ValidBody(route);
        body["stage"] = "abstract";
        var stage = await RefusedAsync(route, new RawJson(body.ToJsonString()), 400);
        var members = "POST " + RouteRequests.Review + "/members";
        body = ValidBody(members);
        body["roles"] = JsonNode.Parse("[\"auditor\", \"king\"]");
        var role = await RefusedAsync(members, new RawJson(body.ToJsonString()), 400);

        Detail(decision).ShouldBe("'decision' must be one of: include, exclude, maybe.");
        Detail(stage).ShouldBe("'stage' must be one of: title-abstract, full-text.");
        Detail(role).ShouldBe("'roles[1]' must be one of: lead, screener, appraiser, auditor, resolver.");
    }

    public static TheoryData<string, string, string> UnstorableText() =>
    [
        .. JsonRoutes.SelectMany(route => ValidBody(route, Example).Where(p => p.Value?.GetValueKind() == JsonValueKind.String)
            .SelectMany(p => new[] { "nul", "surrogate", "not-utf8" }.Select(kind => (route, p.Key, kind)))),
        .. new[] { "votes", "resolution", "retrieval", "duplicate-of", "appraisals" }
            .Select(r => ("POST " + RouteRequests.Record + "/" + r, "note", "nul")),
        ("DELETE " + RouteRequests.Record + "/duplicate-of", "note", "nul"),
        ("POST " + RouteRequests.Review + "/members", "note", "nul"),
    ];

    /// <summary>PostgreSQL stores neither U+0000 nor text that is not Unicode, in text or in jsonb: a 400, never a 500 from the database.</summary>
    [Theory, MemberData(nameof(UnstorableText))]
    public async Task Text_the_database_cannot_store_is_a_400_naming_the_field(string route, string property, string kind)
    {
        var body = ValidBody(route);
        body[property] = "placeholder";
        var json = body.ToJsonString().Replace("\"placeholder\"", kind switch
        {
            "nul" => "\"before\\u0000after\"",
            "surrogate" => "\"before\\ud800after\"",
            _ => "\"before\u00ffafter\"",
        }, StringComparison.Ordinal);
        // Latin-1 turns the one U+00FF into the lone byte 0xFF, which is not UTF-8; the rest of the body is ASCII.
        var bytes = kind == "not-utf8" ? System.Text.Encoding.Latin1.GetBytes(json) : Encoding.UTF8.GetBytes(json);

        var problem = await RefusedAsync(AllowedCaller(route), RouteRequests.For(route, Target(route)) with { Body = new RawBytes(bytes) }, 400);

        Detail(problem).ShouldStartWith($"'{property}' contains ", Case.Sensitive);
        Detail(problem).ShouldEndWith(", which cannot be stored.", Case.Sensitive);
    }

    public static TheoryData<string, string, string> UnstorableNestedText() => new()
    {
        { "POST " + RouteRequests.Review + "/instruments", "{\"items\": [{\"id\": \"dose\", \"text\": \"a\\u0000b\"}]}", "'items[0].text' contains" },
        { "POST " + RouteRequests.Review + "/instruments", "{\"items\": [{\"id\": \"dose\"}, {\"id\": \"a\\u0000b\"}]}", "'items[1].id' contains" },
        { "POST " + RouteRequests.Record + "/appraisals", "{\"ratings\": {\"1\": \"a\\u0000\"}}", "'ratings.1' contains" },
        { "POST " + RouteRequests.Record + "/appraisals", "{\"ratings\": {\"1\\u0000\": \"2\"}}", "A property name in 'ratings' contains" },
        { "POST " + RouteRequests.Record + "/appraisals", "{\"justifications\": {\"1\": \"\\udc00\"}}", "'justifications.1' contains" },
        { "POST " + RouteRequests.Review + "/reported-flow", "{\"figures\": {\"database_results\\u0000\": 5}}", "A property name in 'figures' contains" },
        { "POST /api/reviews", "{\"unknown\\u0000\": 1}", "A property name contains" },
        { "POST /api/reviews", "{\"extra\": {\"deep\": [\"x\", \"\\u0000\"]}}", "'extra.deep[1]' contains" },
    };

    /// <summary>The check covers every string and property name in the body, also where the command does not read it.</summary>
    [Theory, MemberData(nameof(UnstorableNestedText))]
    public async Task Unstorable_text_anywhere_in_the_body_is_a_400_naming_where(string route, string overlay, string expected)
    {
        // Spliced as text: the overlay's escapes reach the server exactly as written.
        var body = ValidBody(route);
        using (var names = JsonDocument.Parse(overlay))
        {
            foreach (var property in names.RootElement.EnumerateObject()) body.Remove(property.Name);
        }
        var json = body.ToJsonString();
        json = json[..^1] + (json.Length > 2 ? "," : "") + overlay[1..];

        var problem = await RefusedAsync(route, new RawJson(json), 400);

        Detail(problem).ShouldStartWith(expected, Case.Sensitive);
    }

    [Theory, InlineData("sub"), InlineData("name")]
    public async Task A_token_whose_subject_or_name_the_database_cannot_store_is_a_400(string claim)
    {
        var token = claim == "sub"
            ? TokenIssuer.Mint(review.Auth, review.Key, "user\0hidden", "Printed Name", TimeSpan.FromMinutes(5))
            : TokenIssuer.Mint(review.Auth, review.Key, "user-with-a-nul-name", "Printed\0Name", TimeSpan.FromMinutes(5));

        var problem = await RefusedAsync(async () =>
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "/api/reviews") { Content = JsonContent.Create(new { title = "By a NUL" }) };
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var client = review.Host.Server.CreateClient();
            return await client.SendAsync(message, TestContext.Current.CancellationToken);
        }, 400);

        Detail(problem).ShouldBe($"The token's '{claim}' claim contains the character U+0000 (NUL), which cannot be stored.");
    }

    [Theory, InlineData("/audit?actor=a%00b", "actor"), InlineData("/records?reason=%00", "reason"), InlineData("/agreement?categories=yes,%00", "categories")]
    public async Task A_query_value_the_database_cannot_store_is_a_400(string path, string parameter)
    {
        var problem = await RefusedAsync(Caller.Lead, new RouteRequest(HttpMethod.Get, review.Scenario.Url(path), null), 400);

        Detail(problem).ShouldStartWith($"Query value '{parameter}' contains the character U+0000", Case.Sensitive);
    }

    public static TheoryData<string, string> NothingToImport() => new()
    {
        { "ris", "" },
        { "auto", "" },
        { "ris", "\u0001\u0002\u0003\u0004\u0005 binary junk \u0006\u0007\u0008\u000e\u000f\u0010" },
        { "auto", "\u0001\u0002\u0003\u0004\u0005 binary junk \u0006\u0007\u0008\u000e\u000f\u0010" },
        { "ris", "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Smith, J\nTI A study sent as the wrong format\nPY 2020\nER\n\nEF\n" },
        { "bibtex", "TY  - JOUR\r\nTI  - A RIS record sent as BibTeX\r\nER  - \r\n" },
        { "endnote-xml", "not XML at all" },
        { "csv", "" },
    };

    /// <summary>A decision export that cannot be read whole is a 422 naming its lines; an unknown format a 400.</summary>
    [Theory]
    [InlineData("asreview", "\u0001\u0002 binary junk \u0003", 422)]
    [InlineData("rayyan", "not a zip at all", 422)]
    [InlineData("asreview", "", 422)]
    [InlineData("covidence", "title,included\r\nA,1\r\n", 400)]
    [InlineData(null, "title,included\r\nA,1\r\n", 400)]
    public async Task A_decision_import_that_cannot_be_read_is_refused(string? format, string body, int status)
    {
        var path = "/api/decision-imports" + (format is null ? "" : "?format=" + format);

        var problem = await RefusedAsync(Caller.Lead, new RouteRequest(HttpMethod.Post, path, new Upload(body)), status);

        if (status == 422) problem.GetProperty("errors")[0].GetProperty("line").GetInt32().ShouldBeGreaterThan(0);
    }

    /// <summary>An upload of which nothing could be read is a 422 with the parser's errors, not a 200 that imported nothing.</summary>
    [Theory, MemberData(nameof(NothingToImport))]
    public async Task An_import_with_no_record_in_it_is_a_422_with_the_parsers_errors(string format, string body)
    {
        var route = "POST " + RouteRequests.Review + "/searches/{searchId}/imports";
        var request = RouteRequests.For(route, Target(route));
        request = request with { Path = request.Path.Replace("format=ris", "format=" + format, StringComparison.Ordinal), Body = new Upload(body) };

        var problem = await RefusedAsync(Caller.Lead, request, 422);

        problem.GetProperty("imported").GetInt32().ShouldBe(0);
        var errors = problem.GetProperty("errors");
        errors.GetArrayLength().ShouldBeGreaterThan(0);
        foreach (var error in errors.EnumerateArray())
        {
            error.GetProperty("line").GetInt32().ShouldBeGreaterThan(0);
            error.GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Fact]
    public async Task An_unknown_path_a_wrong_method_and_a_missing_token_are_problem_details_whatever_the_client_accepts()
    {
        foreach (var accept in new[] { "text/html", "text/plain", "application/json", "*/*" })
        {
            await RefusedAsync(() => RawAsync(HttpMethod.Get, "/api/no-such-thing", accept), 404);
            await RefusedAsync(() => RawAsync(HttpMethod.Delete, "/api/reviews", accept), 405);
            await RefusedAsync(() => RawAsync(HttpMethod.Get, "/api/reviews", accept, token: false), 401);
            await RefusedAsync(() => RawAsync(HttpMethod.Post, "/api/reviews", accept, new StringContent("title=x", Encoding.UTF8, "text/plain")), 415);
        }
    }

    [Fact]
    public async Task An_over_long_request_target_is_a_414_and_over_large_headers_a_431()
    {
        var longQuery = "/api/reviews?padding=" + new string('q', RequestLimits.MaxRequestTarget);
        await RefusedAsync(() => RawAsync(HttpMethod.Get, longQuery, "application/json"), 414);

        await RefusedAsync(async () =>
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, "/api/reviews");
            for (var i = 0; i < 8; i++) message.Headers.Add($"X-Padding-{i}", new string('h', RequestLimits.MaxHeaderBytes / 8));
            using var client = review.Host.Server.CreateClient();
            return await client.SendAsync(message, TestContext.Current.CancellationToken);
        }, 431);
    }

    /// <summary>Sends the request and asserts the refusal: problem details with the status, and no event appended anywhere.</summary>
    private Task<JsonElement> RefusedAsync(string route, object body, int status) =>
        RefusedAsync(AllowedCaller(route), RouteRequests.For(route, Target(route)) with { Body = body }, status);

    private Task<JsonElement> RefusedAsync(Caller caller, RouteRequest request, int status) =>
        RefusedAsync(() => review.SendAsync(caller, request), status);

    private async Task<JsonElement> RefusedAsync(Func<Task<HttpResponseMessage>> send, int status)
    {
        var before = await EventCountAsync();
        using var response = await send();
        var text = await response.Content.ReadAsStringAsync();
        await response.ShouldBeProblemDetailsAsync(status);
        (await EventCountAsync()).ShouldBe(before, "a refused request changed the event log");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<long> EventCountAsync()
    {
        await using var connection = new NpgsqlConnection(review.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var count = new NpgsqlCommand($"select count(*) from {EventStoreSetup.Schema}.mt_events", connection);
        return (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private async Task<HttpResponseMessage> RawAsync(HttpMethod method, string path, string accept, HttpContent? content = null, bool token = true)
    {
        using var message = new HttpRequestMessage(method, path) { Content = content };
        message.Headers.Accept.ParseAdd(accept);
        if (token) message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", review.TokenFor(review.Scenario.Lead));
        using var client = review.Host.Server.CreateClient();
        return await client.SendAsync(message, TestContext.Current.CancellationToken);
    }

    private static string Detail(JsonElement problem) => problem.GetProperty("detail").GetString()!;

    private Target Target(string route) => review.TargetFor(route, AllowedCaller(route));

    /// <summary>The first caller the matrix lets through (with them only the input can be wrong), else the lead.</summary>
    private static Caller AllowedCaller(string route) =>
        AccessMatrix.Rows.Single(r => r.Route == route).Expected.Where(e => e.Value < 300).Select(e => e.Key).DefaultIfEmpty(Caller.Lead).First();

    private JsonObject ValidBody(string route) => ValidBody(route, Target(route));

    private static JsonObject ValidBody(string route, Target target) =>
        JsonSerializer.SerializeToNode(RouteRequests.Body(route, target), EventReviewJson.Options)!.AsObject();
}
