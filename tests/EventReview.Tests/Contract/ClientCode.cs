using EventReview.Tests.Infrastructure;
using NJsonSchema.CodeGeneration.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace EventReview.Tests.Contract;

/// <summary>The C# client NSwag generates from the OpenAPI document, with the settings tests/EventReview.Client was made with.</summary>
public static class ClientCode
{
    public static string CommittedPath => Path.GetFullPath(TestData.Path("..", "EventReview.Client", "EventReviewClient.cs"));

    public static async Task<string> GenerateAsync(string openApiJson)
    {
        var document = await OpenApiDocument.FromJsonAsync(openApiJson);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "EventReviewClient",
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
            CSharpGeneratorSettings =
            {
                Namespace = "EventReview.Client",
                JsonLibrary = CSharpJsonLibrary.SystemTextJson,
                GenerateNullableReferenceTypes = true,
            },
        };
        return new CSharpClientGenerator(document, settings).GenerateFile().ReplaceLineEndings("\n");
    }
}
