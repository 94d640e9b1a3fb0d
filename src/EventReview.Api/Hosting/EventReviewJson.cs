using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventReview.Hosting;

/// <summary>One JSON convention for HTTP bodies, stored events and exports: camelCase, kebab-case enums.</summary>
public static class EventReviewJson
{
    internal static readonly JsonNamingPolicy EnumNaming = JsonNamingPolicy.KebabCaseLower;

    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null;
        options.Converters.Insert(0, new JsonStringEnumConverter(EnumNaming, allowIntegerValues: false));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    }

    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>An enum value as every JSON body, CSV and hash input writes it (kebab-case), by the converter's own policy.</summary>
    public static string Name<T>(T value) where T : struct, Enum => EnumNaming.ConvertName(value.ToString());

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver();
        options.MakeReadOnly();
        return options;
    }
}

/// <summary>
/// The product's enum convention on a type itself, for the few types that are also read or written with other options
/// (a verification report, a reported flow, a format name): the same policy as <see cref="EventReviewJson"/>.
/// </summary>
public sealed class KebabCaseEnumConverter<T>() : JsonStringEnumConverter<T>(EventReviewJson.EnumNaming, allowIntegerValues: false)
    where T : struct, Enum;
