using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventReview.Audit;

/// <summary>
/// The one text form of a time inside hashed and signed data: UTC with exactly six fractional digits,
/// because PostgreSQL keeps microseconds and the hash must survive a round trip through the database.
/// </summary>
public static class ChainTimestamp
{
    public const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <summary>UTC, cut to whole microseconds: call before appending so the stored time equals the hashed one.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        return new DateTimeOffset(ticks - ticks % 10, TimeSpan.Zero);
    }

    // "ffffff" truncates, as Npgsql does when it writes ticks to a timestamptz.
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        TryParse(text, out var time)
            ? time
            : throw new AuditFormatException($"Time \"{text}\" is not in the form {Pattern.Replace("'", "", StringComparison.Ordinal)}.");

    public static bool TryParse(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(text, Pattern, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
}

/// <summary>Serializes a <see cref="DateTimeOffset"/> in the <see cref="ChainTimestamp"/> form.</summary>
public sealed class ChainTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ChainTimestamp.TryParse(reader.GetString(), out var time)
            ? time
            : throw new JsonException($"Time is not in the form {ChainTimestamp.Pattern}.");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ChainTimestamp.Format(value));
}
