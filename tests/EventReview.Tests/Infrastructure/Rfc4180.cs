using System.Text;

namespace EventReview.Tests.Infrastructure;

/// <summary>
/// A strict RFC 4180 reader for checking what the product writes: a quote inside an unquoted cell, text after a
/// closing quote, a bare carriage return or an unclosed quote is an error, not something to guess around.
/// Lines may end in CRLF or LF (the PRISMA template is written with LF, as R writes it).
/// </summary>
public static class Rfc4180
{
    public static IReadOnlyList<IReadOnlyList<string>> Read(string text)
    {
        var rows = new List<IReadOnlyList<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                var start = i++;
                while (true)
                {
                    if (i >= text.Length) throw new FormatException($"the quoted cell at {start} is not closed");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            cell.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    cell.Append(text[i++]);
                }
                if (i < text.Length && text[i] is not (',' or '\r' or '\n')) throw new FormatException($"text after a closing quote at {i}");
            }
            else
            {
                while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    if (text[i] == '"') throw new FormatException($"a quote inside an unquoted cell at {i}");
                    cell.Append(text[i++]);
                }
            }

            row.Add(cell.ToString());
            cell.Clear();
            if (i == text.Length) break;
            if (text[i] == ',')
            {
                i++;
                if (i == text.Length) row.Add("");
                continue;
            }
            if (text[i] == '\r' && (i + 1 == text.Length || text[++i] != '\n')) throw new FormatException($"a bare carriage return at {i}");
            i++;
            rows.Add(row);
            row = [];
        }
        if (row.Count > 0) rows.Add(row);
        return rows;
    }
}
