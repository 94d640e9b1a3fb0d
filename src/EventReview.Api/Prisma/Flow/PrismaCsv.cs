using System.Globalization;
using System.Text.RegularExpressions;
using EventReview.Hosting;

namespace EventReview.Prisma;

/// <summary>
/// Writes a flow as the PRISMA2020 package's template CSV, readable by <c>read.csv()</c> then <c>PRISMA_data()</c>.
/// What PRISMA_data (R/PRISMA_data.R, R/PRISMA_format.R, package version 1.1.4) expects:
/// - each value is found with <c>grep(key, data[, 1])</c>, a substring match on the first column, so every template
///   row appears exactly once and no extra row is added (a row named e.g. "records_excluded_automation" would make
///   "records_excluded" match two rows);
/// - <c>n</c> goes through <c>gsub("[^0-9.]", "", n)</c> and <c>as.numeric</c>: plain digits, and an empty cell
///   becomes NA, which hides that line or box (how a new review drops the previous-studies arm);
/// - reason lists (dbr_excluded, other_excluded, database/register_specific_results) are split on <c>"(;)( )?"</c>,
///   each part's label is the text before its first comma and its count the digits after it, so labels must hold
///   neither commas nor semicolons; a cell of digits only is read as one unnamed count;
/// - fields are quoted as read.csv reads them: in double quotes, inner quotes doubled (see <see cref="CsvCell"/>, which
///   also keeps a label such as "=SUM(...)" from running as a formula in a spreadsheet).
/// </summary>
public static partial class PrismaCsv
{
    public static void Write(TextWriter writer, PrismaFlow flow)
    {
        flow.EnsureValid();
        var counts = flow.Counts().ToDictionary(c => c.Key, c => c.Value);
        writer.Write(PrismaTemplate.Header + "\n");
        foreach (var row in PrismaTemplate.Rows)
        {
            // Counts are plain numbers; reason lists start with a user's label, so they are text cells like the rest.
            var n = row.Data switch
            {
                "NA" or "identification" or "screening" or "included" => CsvCell.Text(row.N),
                "database_specific_results" => CsvCell.Text(Reasons(flow.DatabaseSpecificResults, emptyAs: "")),
                "register_specific_results" => CsvCell.Text(Reasons(flow.RegisterSpecificResults, emptyAs: "")),
                "dbr_excluded" => CsvCell.Text(flow.DbrExcluded is null ? "" : Reasons(flow.DbrExcluded, emptyAs: "0")),
                "other_excluded" => CsvCell.Text(flow.OtherExcluded is null ? "" : Reasons(flow.OtherExcluded, emptyAs: "0")),
                // The template's box holds every excluded record, so the automation split goes into its text.
                "records_excluded" => CsvCell.Number(flow.RecordsExcludedTotal),
                _ => CsvCell.Number(counts.GetValueOrDefault(row.Data)),
            };
            var boxText = row.Data == "records_excluded" && flow.RecordsExcludedAutomation > 0
                ? $"{row.BoxText} ({flow.RecordsExcluded ?? 0} by humans and {flow.RecordsExcludedAutomation} by automation tools)"
                : row.BoxText;
            writer.Write(CsvCell.Line([row.Data, row.Node, row.Box, row.Description, boxText, row.Tooltips, row.Url]) + "," + n + "\n");
        }
    }

    public static string Write(PrismaFlow flow)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer, flow);
        return writer.ToString();
    }

    /// <summary>A label as PRISMA_data can split it back: no commas, semicolons or control characters.</summary>
    public static string SanitizeLabel(string label)
    {
        var clean = PrismaTemplate.CleanLabel(Separators().Replace(label, " "));
        return clean.Length == 0 ? "Unspecified" : clean;
    }

    private static string Reasons(IReadOnlyDictionary<string, int> reasons, string emptyAs) =>
        reasons.Count == 0
            ? emptyAs
            : string.Join("; ", reasons.Select(r => $"{SanitizeLabel(r.Key)}, {r.Value.ToString(CultureInfo.InvariantCulture)}"));

    [GeneratedRegex("[,;]")]
    private static partial Regex Separators();
}
