using System.Text.Json.Serialization;

namespace EventReview.Prisma;

/// <summary>
/// A figure that does not add up. <see cref="Code"/> names the rule and <see cref="Key"/> the template key (or
/// <c>dbr_excluded/REASON</c>, <c>sources/SOURCE</c>) whose figure is questioned; <see cref="Expected"/> is the value
/// the rule implies and <see cref="Actual"/> the figure found. Codes of rules broken inside a reported flow start
/// with <c>reported-</c>.
/// </summary>
public sealed record Discrepancy(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("expected")] int? Expected,
    [property: JsonPropertyName("actual")] int? Actual);
