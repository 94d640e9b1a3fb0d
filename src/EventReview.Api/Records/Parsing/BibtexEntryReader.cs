using System.Text;

namespace EventReview.Records.Parsing;

/// <summary>Reads one entry after its "@"; returns null for @comment, @preamble, @string and a stray "@".</summary>
internal sealed class BibtexEntryReader(CharReader input, ParserLimits limits, Dictionary<string, string> macros)
{
    private const int MaxNameLength = 200;
    private readonly List<(string Name, string Value)> fields = [];
    private int startLine;
    private char close;
    private string key = "";
    private int fieldCharacters;

    public ParseResult? Read()
    {
        startLine = input.Line;
        input.StartCapture("@");
        var type = ReadWhile(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-', MaxNameLength);
        SkipWhitespace();
        var open = input.Peek();
        if (type.Length == 0 || open is not '{' and not '(')
        {
            input.EndCapture();
            return null;
        }

        input.Read();
        close = open == '{' ? '}' : ')';
        var error = type.ToLowerInvariant() switch
        {
            "comment" or "preamble" => SkipGroup(),
            "string" => ReadStringMacro(),
            _ => ReadEntry(),
        };
        var raw = input.EndCapture();
        if (error is not null)
        {
            return error;
        }

        if (type.Equals("comment", StringComparison.OrdinalIgnoreCase) || type.Equals("preamble", StringComparison.OrdinalIgnoreCase)
            || type.Equals("string", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (input.ControlCharacterLine > 0)
        {
            return new ParseError(input.ControlCharacterLine, TextChecks.BinaryMessage);
        }

        if (input.CaptureOverflowed)
        {
            return new ParseError(startLine, $"entry '{key}' is longer than {limits.MaxRecordLength} characters");
        }

        return new ParsedRecord(Map(type).Build(startLine, RawText.Hash(raw)));
    }

    private ParseError? ReadEntry()
    {
        SkipWhitespace();
        key = ReadWhile(c => c != ',' && c != close && !char.IsWhiteSpace(c), MaxNameLength);
        while (true)
        {
            SkipWhitespace(alsoCommas: true);
            var c = input.Peek();
            if (c < 0)
            {
                return CutOff();
            }

            if (c == close)
            {
                input.Read();
                return null;
            }

            var name = ReadWhile(ch => ch is not '=' and not '{' and not '}' and not '"' and not '@' and not ',' and not '#', MaxNameLength);
            if (input.Peek() != '=' || name.Trim().Length == 0)
            {
                return Fail(input.Peek() < 0 ? null : $"expected 'name = value' in entry '{key}'");
            }

            input.Read();
            var (value, error) = ReadValue(name.Trim());
            if (error is not null)
            {
                return error;
            }

            fieldCharacters += value!.Length;
            if (fieldCharacters <= limits.MaxRecordLength)
            {
                fields.Add((name.Trim().ToLowerInvariant(), value));
            }

            SkipWhitespace();
            c = input.Peek();
            if (c != ',' && c != close)
            {
                return Fail(c < 0 ? null : $"expected ',' or '{close}' after field '{name.Trim()}' in entry '{key}'");
            }
        }
    }

    private (string? Value, ParseError? Error) ReadValue(string name)
    {
        var sb = new StringBuilder();
        var tooLong = false;
        while (true)
        {
            SkipWhitespace();
            var c = input.Peek();
            if (c == '{' || c == '"')
            {
                input.Read();
                if (!ReadDelimited(sb, c == '"', ref tooLong))
                {
                    return (null, CutOff());
                }
            }
            else if (c >= 0 && char.IsAsciiLetterOrDigit((char)c))
            {
                var word = ReadWhile(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-' or '.' or ':', MaxNameLength);
                sb.Append(char.IsAsciiDigit(word[0]) ? word : macros.GetValueOrDefault(word, word));
            }
            else
            {
                return (null, Fail(c < 0 ? null : $"expected a value for field '{name}' in entry '{key}'"));
            }

            SkipWhitespace();
            if (input.Peek() != '#')
            {
                break;
            }

            input.Read();
        }

        if (tooLong || sb.Length > limits.MaxFieldLength)
        {
            return (null, Fail($"field '{name}' in entry '{key}' is longer than {limits.MaxFieldLength} characters"));
        }

        return (sb.ToString(), null);
    }

    /// <summary>Reads up to the closing brace (or quote at brace depth 0); inner braces are kept for the LaTeX decoder.</summary>
    private bool ReadDelimited(StringBuilder sb, bool quoted, ref bool tooLong)
    {
        var depth = 0;
        while (true)
        {
            var c = input.Read();
            if (c < 0)
            {
                return false;
            }

            if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && depth == 0 && !quoted)
            {
                return true;
            }
            else if (c == '}' && depth > 0)
            {
                depth--;
            }
            else if (c == '"' && quoted && depth == 0)
            {
                return true;
            }

            if (sb.Length < limits.MaxFieldLength)
            {
                sb.Append((char)c);
            }
            else
            {
                tooLong = true;
            }
        }
    }

    private ParseError? ReadStringMacro()
    {
        SkipWhitespace();
        var name = ReadWhile(c => c is not '=' and not '{' and not '}' and not '"', MaxNameLength).Trim();
        if (input.Peek() != '=')
        {
            return Fail("expected 'name = value' in @string");
        }

        input.Read();
        var (value, error) = ReadValue(name);
        if (error is not null)
        {
            return error;
        }

        macros[name] = value!;
        SkipWhitespace();
        return input.Read() == close ? null : Fail("@string is not closed");
    }

    private ParseError? SkipGroup()
    {
        var depth = 0;
        while (true)
        {
            var c = input.Read();
            if (c < 0)
            {
                return CutOff();
            }

            if (c == close && depth == 0)
            {
                return null;
            }

            depth += c == '{' ? 1 : c == '}' && depth > 0 ? -1 : 0;
        }
    }

    private ParseError CutOff() => new(startLine, $"entry '{key}' is cut off: the file ends before its closing '{close}'");

    /// <summary>Reports the problem and skips to the next line that starts with "@", where the next entry should begin.</summary>
    private ParseError Fail(string? message)
    {
        if (message is null)
        {
            return CutOff();
        }

        var line = input.Line;
        while (!(input.Peek() == '@' && input.AtLineStart) && input.Read() >= 0)
        {
        }

        return new ParseError(line, message);
    }

    private string ReadWhile(Func<char, bool> accept, int max)
    {
        var sb = new StringBuilder();
        while (input.Peek() is var c && c >= 0 && accept((char)c) && sb.Length < max)
        {
            sb.Append((char)input.Read());
        }

        return sb.ToString();
    }

    private void SkipWhitespace(bool alsoCommas = false)
    {
        while (input.Peek() is var c && c >= 0 && (char.IsWhiteSpace((char)c) || (alsoCommas && c == ',')))
        {
            input.Read();
        }
    }

    private RecordDraft Map(string type)
    {
        string? Raw(params string[] names) =>
            names.Select(n => fields.Find(f => f.Name == n).Value).FirstOrDefault(v => v is not null);
        string? Text(params string[] names) => Raw(names) is { } v ? LatexDecoder.Decode(v) : null;
        string? Verbatim(string name) => Raw(name) is { } v ? LatexDecoder.DecodeVerbatim(v) : null;

        return new RecordDraft
        {
            Title = Text("title"),
            Abstract = Text("abstract"),
            Authors = SplitAuthors(Raw("author")).Select(LatexDecoder.Decode).ToList(),
            YearText = Text("year", "date"),
            Journal = Text("journal", "journaltitle", "booktitle"),
            Volume = Text("volume"),
            Issue = Text("number", "issue"),
            Pages = Text("pages"),
            Doi = Verbatim("doi"),
            Pmid = Text("pmid", "pubmed_id"),
            Issns = [Text("issn") ?? ""],
            Keywords = [.. Keywords(Text("author_keywords")), .. Keywords(Text("keywords"))],
            Urls = [Verbatim("url") ?? ""],
            PublicationType = Text("document_type", "type") ?? type.ToLowerInvariant(),
            SourceRecordId = key,
        };
    }

    private static IEnumerable<string> Keywords(string? value) =>
        FieldNormalizer.Split(value, value?.Contains(';') == true ? ';' : ',');

    /// <summary>Splits on the word "and" outside braces, so "{Smith and Sons}" stays one author.</summary>
    internal static IEnumerable<string> SplitAuthors(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            yield break;
        }

        var depth = 0;
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            depth += value[i] == '{' ? 1 : value[i] == '}' && depth > 0 ? -1 : 0;
            if (depth == 0 && char.IsWhiteSpace(value[i]) && i + 4 < value.Length
                && value.AsSpan(i + 1, 3).Equals("and", StringComparison.OrdinalIgnoreCase) && char.IsWhiteSpace(value[i + 4]))
            {
                yield return value[start..i].Trim();
                start = i + 5;
                i += 4;
            }
        }

        yield return value[start..].Trim();
    }
}
