using System.Security.Cryptography;
using System.Text;

namespace EventReview.Records.Parsing;

/// <summary>
/// The tag/value lines of one record of a line-oriented format (RIS, MEDLINE, WoS), kept in file order.
/// Each occurrence of a tag keeps its continuation lines separately: list fields read them as separate values,
/// text fields join them with a space. The first problem found marks the whole record as an error.
/// </summary>
internal sealed class TaggedRecord(int startLine, ParserLimits limits)
{
    private readonly List<(string Tag, List<string> Lines, int Length)> fields = [];
    private readonly StringBuilder raw = new();

    public int StartLine { get; } = startLine;
    public ParseError? Error { get; private set; }

    public void AddRaw(TextLine line)
    {
        if (Error is not null)
        {
            return;
        }

        if (line.Problem is not null)
        {
            Fail(line.Number, line.Problem);
        }
        else if (raw.Length + line.Text.Length + 1 > limits.MaxRecordLength)
        {
            Fail(StartLine, $"record is longer than {limits.MaxRecordLength} characters");
        }
        else
        {
            raw.Append(line.Text).Append('\n');
        }
    }

    public void Add(string tag, string value, int lineNumber)
    {
        fields.Add((tag, [value], value.Length));
        if (value.Length > limits.MaxFieldLength)
        {
            Fail(lineNumber, $"field {tag} is longer than {limits.MaxFieldLength} characters");
        }
    }

    /// <summary>An untagged line belongs to the most recent tag.</summary>
    public void Continue(string value, int lineNumber)
    {
        if (fields.Count == 0)
        {
            Fail(lineNumber, "continuation line without a tag before it");
            return;
        }

        var (tag, lines, length) = fields[^1];
        lines.Add(value);
        length += value.Length + 1;
        fields[^1] = (tag, lines, length);
        if (length > limits.MaxFieldLength)
        {
            Fail(lineNumber, $"field {tag} is longer than {limits.MaxFieldLength} characters");
        }
    }

    public void Fail(int line, string message) => Error ??= new ParseError(line, message);

    public bool Has(string tag) => fields.Exists(f => f.Tag == tag);

    /// <summary>The first occurrence of the first tag present, its lines joined.</summary>
    public string? First(params ReadOnlySpan<string> tags)
    {
        foreach (var tag in tags)
        {
            var field = fields.Find(f => f.Tag == tag);
            if (field.Lines is not null)
            {
                return string.Join(' ', field.Lines);
            }
        }

        return null;
    }

    /// <summary>Every occurrence of the tag, each with its lines joined, in file order.</summary>
    public IEnumerable<string> Occurrences(string tag) =>
        fields.Where(f => f.Tag == tag).Select(f => string.Join(' ', f.Lines));

    /// <summary>Every line of every occurrence of any of the tags, in file order: one value per line.</summary>
    public List<string> Lines(params string[] tags) =>
        fields.Where(f => tags.Contains(f.Tag)).SelectMany(f => f.Lines).ToList();

    public string? Joined(string tag)
    {
        var all = Occurrences(tag).ToList();
        return all.Count == 0 ? null : string.Join(' ', all);
    }

    public string RawHash() => RawText.Hash(raw.ToString());
}

internal static class RawText
{
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
