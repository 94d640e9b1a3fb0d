using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EventReview.Records;

/// <summary>Marks a string property that holds a record's status word (<see cref="RecordStatus"/>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RecordStatusValueAttribute : Attribute;

/// <summary>
/// A status is a word from <see cref="RecordStatus.All"/>, not a .NET enum (it is derived from the record's state, and
/// stored as text in an index), so the document would call it any string. This names it once, as the
/// <c>RecordStatus</c> schema with its values, and points every answer's status marked
/// <see cref="RecordStatusValueAttribute"/> and the record list's <c>status</c> filter at it, so a generated client has
/// one status type.
/// </summary>
internal sealed class RecordStatusValues : IOpenApiDocumentTransformer
{
    public const string SchemaName = "RecordStatus";

    private static readonly HashSet<string> Answers = [.. typeof(RecordStatusValues).Assembly.GetTypes()
        .Where(t => t.GetProperties().Any(p => p.IsDefined(typeof(RecordStatusValueAttribute))))
        .Select(t => t.Name)];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var status = Hosting.NamedSchemas.Add(document, SchemaName, new OpenApiSchema
        {
            // No `type`, as the document writes the API's own enums: a generator then reads the values through the
            // client's enum naming (kebab-case), the same for every enum.
            Description = "Where a record stands in the flow, as the caller may see it.",
            Enum = [.. RecordStatus.All.Select(s => (JsonNode)JsonValue.Create(s))],
        });
        foreach (var (name, schema) in document.Components!.Schemas!)
            if (Answers.Contains(name) && schema is OpenApiSchema { Properties: { } properties } && properties.ContainsKey("status"))
                properties["status"] = status;

        var list = document.Paths?.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
            .FirstOrDefault(o => o.OperationId == GetRecordsEndpoint.ListOperation);
        if (list?.Parameters?.FirstOrDefault(p => p.Name == "status") is OpenApiParameter filter)
            filter.Schema = status;
        return Task.CompletedTask;
    }
}
