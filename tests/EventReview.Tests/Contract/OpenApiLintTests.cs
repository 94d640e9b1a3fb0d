using System.Text.Json;
using System.Text.RegularExpressions;
using EventReview.Tests.Security;
using Shouldly;

namespace EventReview.Tests.Contract;

/// <summary>
/// The published contract, /openapi/v1.json, read as a client generator reads it: every operation is named after its
/// use case and summarised, declares what its success answers carry, and every schema a client would generate is named
/// without .NET namespaces and lists its enum values.
/// </summary>
public partial class OpenApiLintTests(MatrixReview review) : IClassFixture<MatrixReview>
{
    private static readonly string[] FileTypes = ["text/csv", "image/svg+xml", "application/x-ndjson"];

    private async Task<JsonElement> DocumentAsync()
    {
        var http = review.Host.Server.CreateClient();
        var text = await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static IEnumerable<(string Route, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(op => op.Name is "get" or "post" or "put" or "delete" or "patch")
            .Select(op => ($"{op.Name.ToUpperInvariant()} {path.Name}", op.Value)));

    [Fact]
    public async Task Every_operation_has_a_unique_camel_case_operation_id_and_a_summary()
    {
        var operations = Operations(await DocumentAsync()).ToList();

        operations.Count.ShouldBeGreaterThanOrEqualTo(44);
        foreach (var (route, op) in operations)
        {
            op.TryGetProperty("operationId", out var id).ShouldBeTrue(route);
            CamelCase().IsMatch(id.GetString()!).ShouldBeTrue($"{route}: {id}");
            op.TryGetProperty("summary", out var summary).ShouldBeTrue(route);
            summary.GetString().ShouldNotBeNullOrWhiteSpace(route);
        }
        operations.Select(o => o.Operation.GetProperty("operationId").GetString()).ShouldBeUnique();
    }

    [Fact]
    public async Task The_use_cases_are_named_as_a_client_calls_them()
    {
        var ids = Operations(await DocumentAsync()).ToDictionary(o => o.Route, o => o.Operation.GetProperty("operationId").GetString());

        ids["POST /api/reviews/{reviewId}/records/{recordId}/votes"].ShouldBe("castVote");
        ids["POST /api/reviews/{reviewId}/searches/{searchId}/imports"].ShouldBe("importRecords");
        ids["GET /api/reviews/{reviewId}/prisma"].ShouldBe("getPrismaFlow");
        ids["GET /api/reviews/{reviewId}/searches"].ShouldBe("listSearches");
        ids["GET /api/reviews/{reviewId}/members"].ShouldBe("listMembers");
        ids["GET /api/reviews/{reviewId}/exclusion-reasons"].ShouldBe("listExclusionReasons");
    }

    [Fact]
    public async Task Every_operation_declares_a_typed_success_answer_and_its_problem_answers()
    {
        foreach (var (route, op) in Operations(await DocumentAsync()))
        {
            var responses = op.GetProperty("responses").EnumerateObject().ToList();
            var success = responses.Where(r => r.Name.StartsWith('2')).ToList();
            success.ShouldNotBeEmpty(route);
            foreach (var answer in responses.Where(r => r.Name != "204"))
                answer.Value.TryGetProperty("content", out _).ShouldBeTrue($"{route} {answer.Name} has no body described");
            foreach (var answer in success)
            {
                answer.Value.TryGetProperty("content", out var content).ShouldBeTrue($"{route} {answer.Name}");
                foreach (var media in content.EnumerateObject().Where(m => !FileTypes.Contains(m.Name)))
                    media.Value.TryGetProperty("schema", out _).ShouldBeTrue($"{route} {answer.Name} {media.Name}");
            }
            foreach (var status in new[] { "400", "401" })
                ProblemSchema(responses, status).ShouldBe("ProblemDetails", $"{route} {status}");
            if (route.Contains("{reviewId}", StringComparison.Ordinal)) ProblemSchema(responses, "404").ShouldBe("ProblemDetails", route);
            if (!route.StartsWith("GET", StringComparison.Ordinal)) ProblemSchema(responses, "409").ShouldBe("ProblemDetails", route);
        }
    }

    private static string? ProblemSchema(List<JsonProperty> responses, string status) =>
        responses.FirstOrDefault(r => r.Name == status).Value is { ValueKind: JsonValueKind.Object } answer
        && answer.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString() is { } reference
            ? reference.Split('/')[^1] : null;

    [Fact]
    public async Task No_schema_name_leaks_a_namespace_and_every_enum_lists_its_values()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas").EnumerateObject().ToList();

        schemas.ShouldNotBeEmpty();
        foreach (var schema in schemas)
        {
            schema.Name.ShouldNotContain("EventReview");
            schema.Name.ShouldNotContain("System.");
            if (schema.Value.TryGetProperty("enum", out var values)) values.GetArrayLength().ShouldBeGreaterThan(0, schema.Name);
        }
        Values(schemas, "Stage").ShouldBe(["title-abstract", "full-text"]);
        Values(schemas, "Decision").ShouldBe(["include", "exclude", "maybe"]);
    }

    private static string?[] Values(List<JsonProperty> schemas, string name) =>
        [.. schemas.Single(s => s.Name == name).Value.GetProperty("enum").EnumerateArray().Select(v => v.GetString())];

    [Fact]
    public async Task The_import_body_is_a_raw_file_with_its_format_values()
    {
        var document = await DocumentAsync();
        var import = Operations(document).Single(o => o.Route == "POST /api/reviews/{reviewId}/searches/{searchId}/imports").Operation;

        var body = import.GetProperty("requestBody").GetProperty("content");
        body.TryGetProperty("text/plain", out _).ShouldBeTrue();
        body.TryGetProperty("application/octet-stream", out _).ShouldBeTrue();
        FormatValues(document, import).ShouldBe(["auto", "ris", "medline", "bibtex", "endnote-xml", "wos", "csv"]);
    }

    [Fact]
    public async Task The_decision_import_body_names_the_tools_it_reads()
    {
        var document = await DocumentAsync();
        var import = Operations(document).Single(o => o.Route == "POST /api/decision-imports").Operation;

        import.GetProperty("requestBody").GetProperty("description").GetString()!.ShouldContain("Rayyan");
        FormatValues(document, import).ShouldBe(["rayyan", "asreview"]);
    }

    /// <summary>The values of an upload's <c>format</c> parameter, through the named schema it refers to.</summary>
    private static string?[] FormatValues(JsonElement document, JsonElement operation)
    {
        var format = operation.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "format");
        var name = format.GetProperty("schema").GetProperty("$ref").GetString()!.Split('/')[^1];
        return [.. document.GetProperty("components").GetProperty("schemas").GetProperty(name).GetProperty("enum").EnumerateArray().Select(v => v.GetString())];
    }

    [Fact]
    public async Task Record_statuses_are_listed_wherever_a_status_is_answered_or_filtered()
    {
        var document = await DocumentAsync();
        // The eleven statuses of docs/architecture.md, in the order a record can pass through them.
        string[] statuses = ["duplicate", "removed", "awaiting-title-abstract", "title-abstract-conflict", "excluded-title-abstract",
            "awaiting-retrieval", "not-retrieved", "awaiting-full-text", "full-text-conflict", "excluded-full-text", "included"];
        var schemas = document.GetProperty("components").GetProperty("schemas");
        schemas.GetProperty("RecordStatus").GetProperty("enum").EnumerateArray().Select(v => v.GetString()).ShouldBe(statuses);
        const string reference = "#/components/schemas/RecordStatus";
        foreach (var answer in new[] { "RecordView", "RecordTrail", "ResolutionAnswer", "RetrievalAnswer", "StageReopenedAnswer" })
            schemas.GetProperty(answer).GetProperty("properties").GetProperty("status").GetProperty("$ref").GetString().ShouldBe(reference, answer);
        var list = Operations(document).Single(o => o.Route == "GET /api/reviews/{reviewId}/records").Operation;
        list.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "status")
            .GetProperty("schema").GetProperty("$ref").GetString().ShouldBe(reference);
    }

    [Fact]
    public async Task The_main_commands_carry_an_example_that_reads_back_into_the_command()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        foreach (var (type, json) in Hosting.RequestExamples.All)
        {
            System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(schemas.GetProperty(type.Name).GetProperty("examples")[0].GetRawText()),
                System.Text.Json.Nodes.JsonNode.Parse(json)).ShouldBeTrue(type.Name);
            // Read as the API reads a request body: an example with a misspelt value or a missing required field fails here.
            Should.NotThrow(() => JsonSerializer.Deserialize(json, type, Hosting.EventReviewJson.Options), type.Name);
        }
    }

    [Fact]
    public async Task Document_is_written_for_inspection()
    {
        var document = await DocumentAsync();
        await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "eventreview-openapi.json"), document.ToString(), TestContext.Current.CancellationToken);
    }

    [GeneratedRegex("^[a-z][A-Za-z0-9]*$")]
    private static partial Regex CamelCase();
}
