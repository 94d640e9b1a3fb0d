using System.Text.Json.Nodes;
using EventReview.Hosting;
using EventReview.Records.Parsing;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EventReview.Records;

/// <summary>
/// An upload is read from the raw body as it streams in, so no parameter tells ASP.NET what it is: this says it, for
/// the one kind of route marked <see cref="RawUploadAttribute"/>. The body is the export file as the database wrote it
/// (text or bytes), and <c>format</c> takes the names <see cref="BibFormats"/> parses.
/// </summary>
internal sealed class ImportBodyDescription : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<RawUploadAttribute>().Any()) return Task.CompletedTask;
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The search's export file, sent as it is: RIS, MEDLINE, BibTeX, EndNote XML, Web of Science or CSV.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                ["application/octet-stream"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
            },
        };
        if (operation.Parameters?.FirstOrDefault(p => p.Name == "format") is OpenApiParameter { Schema: OpenApiSchema schema } format)
        {
            format.Description = "How to read the file; auto (the default) recognises it.";
            schema.Enum = [.. Enum.GetValues<BibFormat>().Select(f => (JsonNode)JsonValue.Create(f.Name()))];
        }
        return Task.CompletedTask;
    }
}
