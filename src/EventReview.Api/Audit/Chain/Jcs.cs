using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EventReview.Audit;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme: the same JSON value always gives the same bytes,
/// whatever key order, whitespace, escapes or number spelling the stored copy happens to use.
/// </summary>
public static class Jcs
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Canonicalize(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Canonicalize(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new AuditFormatException($"Not valid JSON: {ex.Message}", ex);
        }
    }

    public static string Canonicalize(JsonElement value)
    {
        var builder = new StringBuilder();
        Append(builder, value);
        return builder.ToString();
    }

    public static byte[] CanonicalUtf8(JsonElement value) => ToUtf8(Canonicalize(value));

    /// <summary>UTF-8 bytes of canonical text; an unpaired surrogate is an error, never a silent U+FFFD.</summary>
    public static byte[] ToUtf8(string text)
    {
        try
        {
            return StrictUtf8.GetBytes(text);
        }
        catch (EncoderFallbackException ex)
        {
            throw new AuditFormatException("Text contains an unpaired UTF-16 surrogate.", ex);
        }
    }

    private static void Append(StringBuilder output, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                AppendObject(output, value);
                break;
            case JsonValueKind.Array:
                output.Append('[');
                var first = true;
                foreach (var item in value.EnumerateArray())
                {
                    if (!first) output.Append(',');
                    first = false;
                    Append(output, item);
                }
                output.Append(']');
                break;
            case JsonValueKind.String:
                AppendString(output, ReadString(value));
                break;
            case JsonValueKind.Number:
                // I-JSON: every number is an IEEE-754 double; larger magnitudes are not interoperable.
                if (!value.TryGetDouble(out var number))
                    throw new AuditFormatException($"JSON number {value.GetRawText()} is outside the IEEE-754 double range.");
                output.Append(FormatNumber(number));
                break;
            case JsonValueKind.True:
                output.Append("true");
                break;
            case JsonValueKind.False:
                output.Append("false");
                break;
            case JsonValueKind.Null:
                output.Append("null");
                break;
            default:
                throw new AuditFormatException("A JSON value is missing.");
        }
    }

    private static void AppendObject(StringBuilder output, JsonElement value)
    {
        var members = value.EnumerateObject().Select(p => (Name: ReadName(p), p.Value)).ToList();
        // Ordinal string comparison is exactly the RFC's order: UTF-16 code units, unsigned.
        members.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        output.Append('{');
        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                // I-JSON forbids duplicate names; keeping either one would hide the other from the hash.
                if (members[i].Name == members[i - 1].Name)
                    throw new AuditFormatException($"JSON object has the property \"{members[i].Name}\" twice.");
                output.Append(',');
            }
            AppendString(output, members[i].Name);
            output.Append(':');
            Append(output, members[i].Value);
        }
        output.Append('}');
    }

    /// <summary>ECMAScript JSON.stringify string form: escape only '"', '\' and control characters.</summary>
    public static void AppendString(StringBuilder output, string text)
    {
        output.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\b': output.Append("\\b"); break;
                case '\t': output.Append("\\t"); break;
                case '\n': output.Append("\\n"); break;
                case '\f': output.Append("\\f"); break;
                case '\r': output.Append("\\r"); break;
                default:
                    if (c < ' ') output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else output.Append(c);
                    break;
            }
        }
        output.Append('"');
    }

    /// <summary>ECMAScript Number::toString for a finite double (RFC 8785 section 3.2.2.3).</summary>
    public static string FormatNumber(double value)
    {
        if (!double.IsFinite(value))
            throw new AuditFormatException("NaN and infinity cannot be canonicalized.");
        if (value == 0) return "0"; // also -0

        // .NET's "R" gives the shortest digits that round-trip, as ECMAScript requires; only the layout differs.
        var roundTrip = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var e = roundTrip.IndexOf('E', StringComparison.Ordinal);
        var mantissa = e < 0 ? roundTrip : roundTrip[..e];
        var exponent = e < 0 ? 0 : int.Parse(roundTrip[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerLength = dot < 0 ? mantissa.Length : dot;
        var allDigits = mantissa.Replace(".", "", StringComparison.Ordinal);
        var leadingZeros = allDigits.Length - allDigits.TrimStart('0').Length;
        var digits = allDigits.Trim('0');

        // value = 0.d1d2...dk x 10^n, the k and n of ECMAScript's algorithm.
        var k = digits.Length;
        var n = integerLength - leadingZeros + exponent;
        var text =
            k <= n && n <= 21 ? digits + new string('0', n - k)
            : 0 < n && n <= 21 ? digits[..n] + "." + digits[n..]
            : -6 < n && n <= 0 ? "0." + new string('0', -n) + digits
            : digits[..1] + (k > 1 ? "." + digits[1..] : "") + "e" + (n - 1 < 0 ? "-" : "+") + Math.Abs(n - 1).ToString(CultureInfo.InvariantCulture);
        return value < 0 ? "-" + text : text;
    }

    private static string ReadString(JsonElement value)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            throw new AuditFormatException("JSON string is not valid Unicode.", ex);
        }
    }

    private static string ReadName(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException ex)
        {
            throw new AuditFormatException("JSON property name is not valid Unicode.", ex);
        }
    }
}
