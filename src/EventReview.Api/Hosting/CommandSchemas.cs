using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EventReview.Hosting;

/// <summary>
/// A command is read through <see cref="CommandJson"/>, a converter, and the schema exporter sees only an opaque
/// converter there: the request body would be documented as an empty object. Its schema is built here from the
/// command's properties as <see cref="EventReviewJson"/> names them, each property's own schema (an enum with its
/// values, a nested record) coming from the document's schema service as any other type's does.
/// </summary>
internal sealed class CommandSchemas(CommandJson commands) : IOpenApiSchemaTransformer
{
    public async Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (!commands.CanConvert(type) || schema.Properties is { Count: > 0 }) return;
        schema.Type = JsonSchemaType.Object;
        schema.Properties = new Dictionary<string, IOpenApiSchema>();
        foreach (var property in EventReviewJson.Options.GetTypeInfo(type).Properties)
        {
            schema.Properties[property.Name] = await context.GetOrCreateSchemaAsync(property.PropertyType, null, cancellationToken);
            if (property.IsRequired) (schema.Required ??= new HashSet<string>()).Add(property.Name);
        }
        if (RequestExamples.For(type) is { } example) schema.Examples = [example];
    }
}
