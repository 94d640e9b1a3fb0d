using EventReview.Hosting;
using System.Text.Json.Serialization;

namespace EventReview.Prisma;

/// <summary>Where a search ran, named like the contract's search kind and other-method values.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<SourceKind>))]
public enum SourceKind
{
    Database,
    Register,
    Website,
    Organisation,
    Citation,
}

/// <summary>
/// Records from one search source: <see cref="Records"/> is the number counted in the flow (imported, or the
/// figure a publication prints); <see cref="ReportedCount"/> is the hit count the source itself reported.
/// </summary>
public sealed record SourceCount(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("kind")] SourceKind Kind,
    [property: JsonPropertyName("records")] int Records,
    [property: JsonPropertyName("reportedCount")] int? ReportedCount = null)
{
    /// <summary>The template key whose box totals this kind of source.</summary>
    public static string TemplateKey(SourceKind kind) => kind switch
    {
        SourceKind.Database => "database_results",
        SourceKind.Register => "register_results",
        SourceKind.Website => "website_results",
        SourceKind.Organisation => "organisation_results",
        _ => "citations_results",
    };
}
