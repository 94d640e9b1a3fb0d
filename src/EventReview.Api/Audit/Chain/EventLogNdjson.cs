using System.Text.Json;

namespace EventReview.Audit;

/// <summary>
/// The exported event log: newline-delimited JSON, one <see cref="ChainedEvent"/> per line in sequence order,
/// optionally preceded by an <see cref="ExportHeader"/> line. Reading streams one line at a time.
/// </summary>
public static class EventLogNdjson
{
    public static void Write(TextWriter output, IEnumerable<ChainedEvent> events) => Write(output, null, events);

    public static void Write(TextWriter output, ExportHeader? header, IEnumerable<ChainedEvent> events)
    {
        if (header is not null) WriteLine(output, JsonSerializer.Serialize(header, ChainJson.Options));
        foreach (var e in events) WriteLine(output, JsonSerializer.Serialize(e, ChainJson.Options));
    }

    // NDJSON lines end in "\n" on every platform, not Environment.NewLine.
    private static void WriteLine(TextWriter output, string json)
    {
        output.Write(json);
        output.Write('\n');
    }

    /// <summary>Reads the header now and the events as they are enumerated; a malformed line throws
    /// <see cref="AuditFormatException"/> naming its line number.</summary>
    public static EventLogContents Read(TextReader input)
    {
        var lines = new LineReader(input);
        if (lines.Next() is not { } first) return new EventLogContents(null, []);

        using var document = ParseLine(first, lines.Number);
        var root = document.RootElement;
        return root.TryGetProperty("format", out _)
            ? new EventLogContents(ParseHeader(root, lines.Number), Events(lines, null))
            : new EventLogContents(null, Events(lines, ParseEvent(root, lines.Number)));
    }

    private static IEnumerable<ChainedEvent> Events(LineReader lines, ChainedEvent? first)
    {
        if (first is not null) yield return first;
        while (lines.Next() is { } line)
        {
            ChainedEvent e;
            using (var document = ParseLine(line, lines.Number)) e = ParseEvent(document.RootElement, lines.Number);
            yield return e;
        }
    }

    private static JsonDocument ParseLine(string line, int number)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            throw new AuditFormatException($"Line {number}: not valid JSON (at character {ex.BytePositionInLine + 1}).", ex);
        }
        if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
        document.Dispose();
        throw new AuditFormatException($"Line {number}: expected a JSON object.");
    }

    private static ExportHeader ParseHeader(JsonElement o, int line)
    {
        var format = Text(o, "format", line);
        if (format != ExportHeader.LogFormat)
            throw new AuditFormatException($"Line {line}: unknown log format \"{format}\"; expected \"{ExportHeader.LogFormat}\".");
        var version = Integer(o, "version", line);
        if (version != ExportHeader.CurrentVersion)
            throw new AuditFormatException($"Line {line}: log format version {version} is not supported; expected {ExportHeader.CurrentVersion}.");
        return new ExportHeader(format, (int)version, Text(o, "reviewId", line), Time(o, "exportedAt", line));
    }

    // A line without "hashFormat" was exported before format 2 and is verified as format 1.
    private static ChainedEvent ParseEvent(JsonElement o, int line) => new(
        Sequence: Integer(o, "sequence", line),
        StreamId: Text(o, "streamId", line),
        StreamVersion: Integer(o, "streamVersion", line),
        EventType: Text(o, "eventType", line),
        Data: Field(o, "data", line).Clone(),
        ActorId: Text(o, "actorId", line),
        ActorName: Text(o, "actorName", line),
        Timestamp: Time(o, "timestamp", line),
        CorrelationId: OptionalText(o, "correlationId", line),
        PreviousHash: Hash(o, "previousHash", line),
        Hash: Hash(o, "hash", line),
        CausationId: OptionalText(o, "causationId", line),
        Headers: o.TryGetProperty("headers", out var headers) && headers.ValueKind != JsonValueKind.Null ? headers.Clone() : null,
        TenantId: OptionalText(o, "tenantId", line) ?? CanonicalEvent.DefaultTenant,
        Archived: o.TryGetProperty("archived", out var archived) && archived.ValueKind == JsonValueKind.True,
        HashFormat: o.TryGetProperty("hashFormat", out _) ? (int)Integer(o, "hashFormat", line) : 1);

    private static string? OptionalText(JsonElement o, string name, int line) =>
        o.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? Text(o, name, line) : null;

    private static JsonElement Field(JsonElement o, string name, int line) =>
        o.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new AuditFormatException($"Line {line}: \"{name}\" is missing.");

    private static string Text(JsonElement o, string name, int line)
    {
        var value = Field(o, name, line);
        if (value.ValueKind != JsonValueKind.String)
            throw new AuditFormatException($"Line {line}: \"{name}\" must be a string.");
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            throw new AuditFormatException($"Line {line}: \"{name}\" is not valid Unicode.", ex);
        }
    }

    private static long Integer(JsonElement o, string name, int line) =>
        Field(o, name, line) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number)
            ? number
            : throw new AuditFormatException($"Line {line}: \"{name}\" must be an integer.");

    private static DateTimeOffset Time(JsonElement o, string name, int line) =>
        ChainTimestamp.TryParse(Text(o, name, line), out var time)
            ? time
            : throw new AuditFormatException($"Line {line}: \"{name}\" must be a UTC time with microseconds, like 2025-01-31T09:30:00.000000Z.");

    private static string Hash(JsonElement o, string name, int line) =>
        Text(o, name, line) is var hash && HashChain.IsHash(hash)
            ? hash
            : throw new AuditFormatException($"Line {line}: \"{name}\" must be 64 lowercase hexadecimal digits.");

    private sealed class LineReader(TextReader input)
    {
        public int Number { get; private set; }

        /// <summary>The next non-blank line; NDJSON readers may skip blank lines, and a trailing newline is normal.</summary>
        public string? Next()
        {
            while (input.ReadLine() is { } line)
            {
                Number++;
                if (!string.IsNullOrWhiteSpace(line)) return line;
            }
            return null;
        }
    }
}
