using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;

namespace EventReview.Hosting;

/// <summary>A refusal of JSON input whose message is written for the client: it names the field and what the field takes.</summary>
public sealed class JsonInputException : JsonException
{
    public JsonInputException()
    {
    }

    public JsonInputException(string message)
        : base(message)
    {
    }

    public JsonInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Reads every JSON command body (each endpoint's request type, registered by <see cref="RequiredJsonBody"/>), so that
/// every command gets the same two checks in one place. Text PostgreSQL cannot store (U+0000, an unpaired surrogate,
/// bytes that are not UTF-8), anywhere in the body, is a 400 naming the field instead of a failure at the database.
/// A value the command cannot take is a 400 naming the field and saying what it takes (the allowed values of an enum
/// as the API writes them), never a .NET type name. Writing is unchanged.
/// </summary>
public sealed class CommandJson : JsonConverterFactory
{
    private readonly ConcurrentDictionary<Type, bool> _commands = new();
    private readonly ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> _inner = new();

    /// <summary>Registers a request type; done while the endpoints are built, before any request is read.</summary>
    public void Register(Type command) => _commands.TryAdd(command, true);

    public override bool CanConvert(Type typeToConvert) => _commands.ContainsKey(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(CommandConverter<>).MakeGenericType(typeToConvert), Inner(options))!;

    /// <summary>The same options without this factory, which read the command once the checks have passed.</summary>
    private JsonSerializerOptions Inner(JsonSerializerOptions outer) => _inner.GetValue(outer, o =>
    {
        var inner = new JsonSerializerOptions(o);
        inner.Converters.Remove(this);
        inner.MakeReadOnly(populateMissingResolver: true);
        return inner;
    });

    private sealed class CommandConverter<T>(JsonSerializerOptions inner) : JsonConverter<T>
        where T : class
    {
        private readonly JsonTypeInfo<T> _info = (JsonTypeInfo<T>)inner.GetTypeInfo(typeof(T));

        /// <summary>The serializer buffers a custom converter's whole value before calling it, so the body can be scanned first.</summary>
        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartObject) throw new JsonInputException("The request body must be a JSON object.");
            var scan = reader;
            var present = StorableText.Scan(ref scan);
            try
            {
                return JsonSerializer.Deserialize(ref reader, _info);
            }
            catch (JsonInputException)
            {
                throw;
            }
            catch (JsonException e)
            {
                throw new JsonInputException(JsonInputMessages.Describe(_info, e.Path, present), e);
            }
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => JsonSerializer.Serialize(writer, value, _info);
    }
}

/// <summary>Text that PostgreSQL can store in text and jsonb columns: valid Unicode without U+0000.</summary>
public static class StorableText
{
    /// <summary>What is wrong with the text, or null when it can be stored.</summary>
    public static string? Problem(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (text.Contains('\0', StringComparison.Ordinal)) return "the character U+0000 (NUL)";
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return "an unpaired surrogate (U+D800 to U+DFFF)";
        }
        return null;
    }

    public static string Refusal(string field, string problem) => $"'{field}' contains {problem}, which cannot be stored.";

    /// <summary>
    /// Checks every property name and string in the object the reader is on, leaving the reader on its end; returns the
    /// names of the object's own properties. A string that cannot be stored is a <see cref="JsonInputException"/>
    /// naming its field.
    /// </summary>
    internal static HashSet<string> Scan(ref Utf8JsonReader reader)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var depth = reader.CurrentDepth;
        var path = new List<Segment> { new(isArray: false) };
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    var name = Check(ref reader, path, isName: true)!;
                    path[^1].Name = name;
                    if (reader.CurrentDepth == depth + 1) names.Add(name);
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    path[^1].Next();
                    path.Add(new Segment(reader.TokenType == JsonTokenType.StartArray));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    path.RemoveAt(path.Count - 1);
                    if (reader.CurrentDepth == depth) return names;
                    break;
                case JsonTokenType.String:
                    path[^1].Next();
                    Check(ref reader, path, isName: false);
                    break;
                default:
                    path[^1].Next();
                    break;
            }
        }
        return names;
    }

    private static string? Check(ref Utf8JsonReader reader, List<Segment> path, bool isName)
    {
        string? problem = null, text = null;
        if (reader.ValueIsEscaped)
        {
            try
            {
                text = reader.GetString();
                problem = Problem(text);
            }
            catch (InvalidOperationException)
            {
                problem = "an unpaired surrogate or bytes that are not UTF-8";
            }
        }
        else
        {
            // JSON has no raw control characters, so unescaped text can only be wrong by not being UTF-8.
            var valid = reader.HasValueSequence ? Utf8.IsValid(reader.ValueSequence.ToArray()) : Utf8.IsValid(reader.ValueSpan);
            if (!valid) problem = "bytes that are not UTF-8";
            else if (isName) text = reader.GetString();
        }

        if (problem is null) return text;
        var field = Field(path, isName ? path.Count - 1 : path.Count);
        throw new JsonInputException(isName
            ? $"A property name {(field.Length == 0 ? "" : $"in '{field}' ")}contains {problem}, which cannot be stored."
            : Refusal(field, problem));
    }

    /// <summary>The field the reader is in, as the client wrote it ("items[0].text"), from the first <paramref name="count"/> levels.</summary>
    private static string Field(List<Segment> path, int count)
    {
        var field = new System.Text.StringBuilder();
        foreach (var segment in path.Take(count))
        {
            if (segment.IsArray) field.Append(CultureInfo.InvariantCulture, $"[{segment.Index}]");
            else if (segment.Name is not null) field.Append(field.Length == 0 ? "" : ".").Append(segment.Name);
        }
        return field.ToString();
    }

    /// <summary>One level of the body: an object with the property being read, or a list with the index of its item.</summary>
    private sealed class Segment
    {
        public Segment(bool isArray) => IsArray = isArray;

        public bool IsArray { get; }

        public string? Name { get; set; }

        public int Index { get; private set; } = -1;

        public void Next()
        {
            if (IsArray) Index++;
        }
    }
}

/// <summary>Messages for JSON a command cannot take, worded for the client: the field and what it takes.</summary>
public static class JsonInputMessages
{
    /// <summary>The message for a failure at <paramref name="path"/> (as System.Text.Json reports it) in a body of type <paramref name="root"/>.</summary>
    public static string Describe(JsonTypeInfo root, string? path, IReadOnlySet<string> present)
    {
        var segments = Segments(path);
        if (segments.Count == 0)
        {
            var missing = Required(root).Where(p => !present.Contains(p)).ToList();
            return missing.Count switch
            {
                0 => "The request body is not the JSON object this route takes.",
                1 => $"'{missing[0]}' is required.",
                _ => $"{Quoted(missing)} are required.",
            };
        }

        var field = string.Concat(segments.Select((s, i) => s.Name is null ? $"[{s.Index}]" : (i == 0 ? "" : ".") + s.Name));
        JsonTypeInfo? info = root;
        foreach (var (name, _) in segments)
        {
            info = info switch
            {
                { Kind: JsonTypeInfoKind.Object } when name is not null =>
                    info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) is { } property
                        ? info.Options.GetTypeInfo(property.PropertyType)
                        : null,
                { Kind: JsonTypeInfoKind.Dictionary or JsonTypeInfoKind.Enumerable, ElementType: { } element } => info.Options.GetTypeInfo(element),
                _ => null,
            };
            if (info is null) return $"'{field}' has a value this request cannot take.";
        }
        return $"'{field}' must be {Expected(info!)}.";
    }

    /// <summary>What a value of the type looks like, for "'field' must be ...".</summary>
    public static string Expected(JsonTypeInfo info)
    {
        if (Simple(info.Type) is { } simple) return simple;
        return info.Kind switch
        {
            JsonTypeInfoKind.Dictionary => "an object",
            JsonTypeInfoKind.Enumerable when info.ElementType is { } element =>
                $"a list, each item {Expected(info.Options.GetTypeInfo(element))}",
            JsonTypeInfoKind.Enumerable => "a list",
            JsonTypeInfoKind.Object when Required(info).ToList() is { Count: > 0 } required => $"an object with {Quoted(required)}",
            JsonTypeInfoKind.Object => "an object",
            _ => "a JSON value of another kind",
        };
    }

    /// <summary>What a value of a simple type (a query value, a JSON scalar) looks like; null for an object or a list.</summary>
    public static string? Simple(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum) return "one of: " + string.Join(", ", Enum.GetNames(type).Select(EventReviewJson.EnumNaming.ConvertName));
        return Type.GetTypeCode(type) switch
        {
            TypeCode.String or TypeCode.Char => "a string",
            TypeCode.Boolean => "true or false",
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32
                or TypeCode.Int64 or TypeCode.UInt64 => "a whole number (in range)",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "a number",
            TypeCode.DateTime => "a date and time in ISO 8601 (such as 2025-03-24T09:30:00Z)",
            _ when type == typeof(DateTimeOffset) => "a date and time in ISO 8601 (such as 2025-03-24T09:30:00Z)",
            _ when type == typeof(DateOnly) => "a date (such as 2025-03-24)",
            _ when type == typeof(TimeOnly) => "a time of day (such as 09:30:00)",
            _ when type == typeof(TimeSpan) => "a duration (such as 00:30:00)",
            _ when type == typeof(Guid) => "an id (a UUID such as 0195b4a0-7c1e-7d3a-9f00-6a1b2c3d4e5f)",
            _ when type == typeof(JsonElement) || type == typeof(System.Text.Json.Nodes.JsonNode) => "a JSON value",
            _ => null,
        };
    }

    private static IEnumerable<string> Required(JsonTypeInfo info) =>
        info.Kind == JsonTypeInfoKind.Object ? info.Properties.Where(p => p.IsRequired).Select(p => p.Name) : [];

    private static string Quoted(List<string> names) =>
        names.Count == 1 ? $"'{names[0]}'" : string.Join(", ", names.SkipLast(1).Select(n => $"'{n}'")) + $" and '{names[^1]}'";

    /// <summary>A System.Text.Json path ("$.items[0].text", "$['a b']") as its property names and indexes.</summary>
    private static List<(string? Name, int Index)> Segments(string? path)
    {
        var segments = new List<(string? Name, int Index)>();
        if (string.IsNullOrEmpty(path)) return segments;
        var i = path[0] == '$' ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                if (end < 0) end = path.Length;
                segments.Add((path[(i + 1)..end], -1));
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0) break;
                segments.Add((path[(i + 2)..end], -1));
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index)) break;
                segments.Add((null, index));
                i = end + 1;
            }
            else break;
        }
        return segments;
    }
}
