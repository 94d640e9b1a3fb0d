using System.Text;

namespace EventReview.Records.Parsing;

internal sealed record CsvRow(int Line, List<string> Fields, string Raw, ParseError? Error);

/// <summary>
/// RFC 4180 rows: quoted fields may hold delimiters, doubled quotes and line breaks. Lenient where spreadsheets
/// are (text after a closing quote is kept); an unclosed quote at the end of the file is an error.
/// </summary>
internal sealed class CsvRowReader(CharReader input, char delimiter, ParserLimits limits)
{
    private const int MaxFields = 10_000;
    private string? error;

    public static char DetectDelimiter(string headerLine)
    {
        var counts = new Dictionary<char, int> { [','] = 0, ['\t'] = 0, [';'] = 0 };
        var quoted = false;
        foreach (var c in headerLine)
        {
            quoted ^= c == '"';
            if (!quoted && counts.TryGetValue(c, out var n))
            {
                counts[c] = n + 1;
            }
        }

        return counts.MaxBy(kv => kv.Value).Key;
    }

    /// <summary>The raw text of the next line, quotes respected, without consuming it as a row (for the header).</summary>
    public static string ReadRawLine(CharReader input, int max)
    {
        var sb = new StringBuilder();
        var quoted = false;
        while (input.Peek() is var c && c >= 0)
        {
            input.Read();
            quoted ^= c == '"';
            if (!quoted && c == '\n')
            {
                break;
            }

            if (sb.Length < max)
            {
                sb.Append((char)c);
            }
        }

        return sb.ToString().TrimEnd('\r');
    }

    /// <summary>The next non-blank row, or null at the end of the input.</summary>
    public CsvRow? ReadRow()
    {
        while (input.Peek() >= 0)
        {
            var row = ReadAnyRow();
            if (row.Error is not null || row.Fields.Count > 1 || row.Fields[0].Length > 0)
            {
                return row;
            }
        }

        return null;
    }

    private CsvRow ReadAnyRow()
    {
        var line = input.Line;
        input.StartCapture();
        var fields = new List<string>();
        var field = new StringBuilder();
        error = null;
        while (true)
        {
            field.Clear();
            if (input.Peek() == '"')
            {
                var quoteLine = input.Line;
                input.Read();
                if (!ReadQuoted(field))
                {
                    error ??= $"quoted field starting at line {quoteLine} is not closed before the end of the file";
                }
            }

            while (input.Peek() is var c && c >= 0 && c != delimiter && c != '\r' && c != '\n')
            {
                Append(field, (char)input.Read());
            }

            if (fields.Count < MaxFields)
            {
                fields.Add(field.ToString());
            }
            else
            {
                error ??= $"row has more than {MaxFields} fields";
            }

            var end = input.Read();
            if (end == delimiter)
            {
                continue;
            }

            if (end == '\r' && input.Peek() == '\n')
            {
                input.Read();
            }

            break;
        }

        var raw = input.EndCapture().TrimEnd('\n');
        if (input.ControlCharacterLine > 0)
        {
            error ??= TextChecks.BinaryMessage;
            line = input.ControlCharacterLine;
        }
        else if (input.CaptureOverflowed)
        {
            error ??= $"row is longer than {limits.MaxRecordLength} characters";
        }

        var problem = error is null ? null : new ParseError(line, error);
        error = null;
        return new CsvRow(line, fields, raw, problem);
    }

    private bool ReadQuoted(StringBuilder field)
    {
        while (true)
        {
            var c = input.Read();
            if (c < 0)
            {
                return false;
            }

            if (c == '"')
            {
                if (input.Peek() != '"')
                {
                    return true;
                }

                input.Read();
            }

            Append(field, (char)c);
        }
    }

    private void Append(StringBuilder field, char c)
    {
        if (field.Length < limits.MaxFieldLength)
        {
            field.Append(c);
        }
        else
        {
            error ??= $"field is longer than {limits.MaxFieldLength} characters";
        }
    }
}
