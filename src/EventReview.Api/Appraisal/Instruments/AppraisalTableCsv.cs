using EventReview.Hosting;

namespace EventReview.Appraisal;

/// <summary>
/// Writes an <see cref="AppraisalTable"/> as RFC 4180 CSV (CRLF line ends, cells written by <see cref="CsvCell"/>).
/// Printed-total columns appear only when some row carries a printed total or verdict.
/// </summary>
public static class AppraisalTableCsv
{
    public static void Write(TextWriter writer, AppraisalTable table)
    {
        var printed = table.Rows.Any(r => r.PrintedTotal is not null || r.PrintedVerdict is not null);
        var header = new List<string> { "Study" };
        header.AddRange(table.Columns.Select(c => c.Header));
        header.AddRange(["Total", "Verdict"]);
        if (table.HasOverallRating)
        {
            header.Add("Overall");
        }

        if (printed)
        {
            header.AddRange(["Printed total", "Printed verdict", "Discrepancies"]);
        }

        WriteRecord(writer, header);
        foreach (var row in table.Rows)
        {
            var fields = new List<string?> { row.Study };
            fields.AddRange(row.Ratings);
            fields.AddRange([row.Total, Verdict(row.Result.Verdict)]);
            if (table.HasOverallRating)
            {
                fields.Add(row.Result.OverallRating?.Code);
            }

            if (printed)
            {
                fields.AddRange([row.PrintedTotal, row.PrintedVerdict, string.Join("; ", row.Discrepancies)]);
            }

            WriteRecord(writer, fields);
        }
    }

    private static string? Verdict(AppraisalVerdict? verdict) => verdict switch
    {
        AppraisalVerdict.Accepted => "accepted",
        AppraisalVerdict.Rejected => "rejected",
        _ => null,
    };

    private static void WriteRecord(TextWriter writer, IEnumerable<string?> fields)
    {
        writer.Write(CsvCell.Line(fields));
        writer.Write("\r\n");
    }
}
