using System.Text.Json.Serialization;

namespace EventReview.Audit;

/// <summary>The optional first line of an exported log.</summary>
public sealed record ExportHeader(
    string Format,
    int Version,
    string ReviewId,
    [property: JsonConverter(typeof(ChainTimestampConverter))] DateTimeOffset ExportedAt)
{
    public const string LogFormat = "eventreview-log";
    public const int CurrentVersion = 1;

    public static ExportHeader For(string reviewId, DateTimeOffset exportedAt) =>
        new(LogFormat, CurrentVersion, reviewId, ChainTimestamp.Normalize(exportedAt));
}

/// <summary>A log being read: the header if the file has one, and its events, read lazily and only once.</summary>
public sealed record EventLogContents(ExportHeader? Header, IEnumerable<ChainedEvent> Events);
