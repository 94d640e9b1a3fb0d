using System.Text.Encodings.Web;
using System.Text.Json;

namespace EventReview.Audit;

/// <summary>Serializer settings of the exported files, fixed here so the web app's own settings cannot change them.</summary>
internal static class ChainJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Names and titles stay readable in the file; the export is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };
}
