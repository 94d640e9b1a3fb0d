using System.Buffers;
using System.Globalization;

namespace EventReview.Hosting;

/// <summary>
/// How every CSV the product writes turns a value into a cell, so no file can forget a rule. RFC 4180: a cell holding
/// a comma, a quote or a line break is quoted, its quotes doubled. OWASP's CSV injection advice: text starting with
/// = + - @, tab or carriage return would run as a formula when a spreadsheet opens the file (a vote note
/// "=HYPERLINK(...)", a search source "@SUM(...)"), so it gets a leading single quote and is always quoted.
/// </summary>
public static class CsvCell
{
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r");
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    /// <summary>Text as a cell: empty for null, neutralised when a spreadsheet would take it for a formula, quoted when needed.</summary>
    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (FormulaStarts.Contains(value[0])) return "\"'" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        return value.AsSpan().IndexOfAny(NeedsQuotes) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A number as a plain cell (a spreadsheet reads -1 as the number it is); empty for null.</summary>
    public static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>One line of text cells, without its line end.</summary>
    public static string Line(IEnumerable<string?> values) => string.Join(',', values.Select(Text));
}
