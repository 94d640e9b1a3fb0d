namespace EventReview.Records.Parsing;

/// <summary>
/// RIS ("TY  - " ... "ER  - "). Vendor quirks handled: untagged continuation lines belong to the previous tag;
/// text between ER and the next TY (Ovid's "1." numbering, "Link to the Ovid Full Text" lines, a stray NL tag)
/// is outside any record and ignored, as the RIS specification says; repeated tags; A1/T1/Y1/N2 alternatives.
/// </summary>
internal static class RisParser
{
    public static IEnumerable<ParseResult> Parse(TextReader reader, ParserLimits limits)
    {
        var lines = new LineReader(reader, limits.MaxLineLength);
        TaggedRecord? record = null;
        var results = 0;
        var previousLineBad = false;
        while (lines.TryRead(out var line))
        {
            var tag = TagOf(line.Text);
            if (record is null)
            {
                if (line.Problem is not null && !previousLineBad)
                {
                    results++;
                    yield return new ParseError(line.Number, line.Problem);
                }

                previousLineBad = line.Problem is not null;
                if (tag == "TY" && line.Problem is null)
                {
                    record = Start(line, limits);
                }

                continue;
            }

            if (tag == "TY" && line.Problem is null)
            {
                results++;
                yield return record.Error ?? new ParseError(record.StartLine, $"record has no 'ER  -' line before the next 'TY  -' at line {line.Number}");
                record = Start(line, limits);
                continue;
            }

            record.AddRaw(line);
            if (line.Problem is not null)
            {
                continue;
            }

            if (tag == "ER")
            {
                results++;
                yield return Finish(record);
                record = null;
            }
            else if (tag is not null)
            {
                record.Add(tag, Value(line.Text), line.Number);
            }
            else if (!line.IsBlank)
            {
                record.Continue(line.Text.Trim(), line.Number);
            }
        }

        if (record is not null)
        {
            yield return record.Error ?? new ParseError(record.StartLine, "record is cut off: the file ends before its 'ER  -' line");
        }
        else if (results == 0)
        {
            yield return new ParseError(1, "no RIS record found (no line starting with 'TY  - ')");
        }
    }

    /// <summary>"XY  - value": two characters (letter, then letter or digit), two spaces, a hyphen.</summary>
    internal static string? TagOf(string line) =>
        line.Length >= 5 && char.IsAsciiLetterUpper(line[0]) && (char.IsAsciiLetterUpper(line[1]) || char.IsAsciiDigit(line[1]))
        && line[2] == ' ' && line[3] == ' ' && line[4] == '-' && (line.Length == 5 || line[5] == ' ')
            ? line[..2]
            : null;

    private static string Value(string line) => line.Length > 6 ? line[6..].Trim() : "";

    private static TaggedRecord Start(TextLine line, ParserLimits limits)
    {
        var record = new TaggedRecord(line.Number, limits);
        record.AddRaw(line);
        record.Add("TY", Value(line.Text), line.Number);
        return record;
    }

    private static ParseResult Finish(TaggedRecord r)
    {
        if (r.Error is not null)
        {
            return r.Error;
        }

        var accession = r.First("AN");
        var draft = new RecordDraft
        {
            PublicationType = r.First("TY"),
            Title = r.First("TI", "T1", "CT", "BT"),
            Abstract = r.Joined("AB") ?? r.Joined("N2"),
            Authors = r.Lines("AU", "A1"),
            YearText = r.First("PY", "Y1", "DA", "Y2"),
            Journal = r.First("T2", "JF", "JO", "JA", "J2", "J1"),
            Volume = r.First("VL"),
            Issue = r.First("IS", "CP"),
            StartPage = r.First("SP"),
            EndPage = r.First("EP"),
            Doi = r.Lines("DO").FirstOrDefault(),
            Pmid = FieldNormalizer.PmidFromAccession(accession, r.Lines("DB", "DP")),
            Issns = r.Lines("SN"),
            Keywords = r.Lines("KW"),
            Urls = r.Lines("UR", "L2", "LK"),
            SourceRecordId = accession ?? r.First("ID"),
        };
        return new ParsedRecord(draft.Build(r.StartLine, r.RawHash()));
    }
}
