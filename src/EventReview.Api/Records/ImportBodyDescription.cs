using System.Text.Json.Nodes;
using EventReview.Hosting;
using EventReview.Records.Parsing;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EventReview.Records;

/// <summary>
/// An upload is read from the raw body as it streams in, so no parameter tells ASP.NET what it is: this says it, for
/// the routes marked <see cref="RawUploadAttribute"/>. The body is the export file as the tool wrote it (text or
/// bytes), and <c>format</c> takes the names of the formats that route reads.
/// </summary>
internal sealed class ImportBodyDescription : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<RawUploadAttribute>().FirstOrDefault() is not { } upload)
            return Task.CompletedTask;
        var (body, formatSchema, formats, formatHelp) = upload.Kind == UploadKind.DecisionExport
            ? ("Another tool's export of its screening decisions, sent as it is: a Rayyan export zip, an ASReview project file (.asreview) or an ASReview labelled dataset CSV.",
                "DecisionFormat", Enum.GetValues<DecisionImports.DecisionFormat>().Select(EventReviewJson.Name), "Which tool wrote the file.")
            : ("The search's export file, sent as it is: RIS, MEDLINE, BibTeX, EndNote XML, Web of Science or CSV.",
                "ImportFormat", Enum.GetValues<BibFormat>().Select(f => f.Name()), "How to read the file; auto (the default) recognises it.");
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = body,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                ["application/octet-stream"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
            },
        };
        if (operation.Parameters?.FirstOrDefault(p => p.Name == "format") is OpenApiParameter format && context.Document is { } document)
        {
            // A named schema, so a generated client gets one type per kind of file rather than Format, Format2...
            format.Schema = NamedSchemas.Add(document, formatSchema, new OpenApiSchema { Enum = [.. formats.Select(f => (JsonNode)JsonValue.Create(f))] });
            format.Description = formatHelp;
        }
        return Task.CompletedTask;
    }
}
