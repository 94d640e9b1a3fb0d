using Microsoft.OpenApi;

namespace EventReview.Hosting;

/// <summary>
/// Puts a schema into the document's components under <paramref name="name"/> and returns a reference to it, so a
/// generated client gets one named type where the document would otherwise repeat an inline schema.
/// </summary>
internal static class NamedSchemas
{
    public static OpenApiSchemaReference Add(OpenApiDocument document, string name, OpenApiSchema schema)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[name] = schema;
        return new OpenApiSchemaReference(name, document);
    }
}
