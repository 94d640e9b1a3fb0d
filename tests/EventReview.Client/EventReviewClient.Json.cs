using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventReview.Client;

// The generated client leaves JSON options to the caller: the API's enums are kebab-case strings.
public partial class EventReviewClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings)
    {
        settings.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        settings.PropertyNameCaseInsensitive = true;
        settings.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
    }
}
