namespace EventReview.Records.Parsing;

/// <summary>
/// Web of Science field-tagged (CIW): "FN"/"VR" header, records from "PT x" to "ER", "EF" at the end; two-letter
/// tags followed by one space, continuation lines indented by three spaces. In AU/AF and similar lists each line is
/// one value; elsewhere continuation lines are joined with a space.
/// </summary>
internal static class WosParser
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
                if (tag == "PT" && line.Problem is null)
                {
                    record = Start(line, limits);
                }

                continue;
            }

            if (tag is "PT" or "EF" && line.Problem is null)
            {
                results++;
                yield return record.Error ?? new ParseError(record.StartLine, $"record has no 'ER' line before the '{tag}' at line {line.Number}");
                record = tag == "PT" ? Start(line, limits) : null;
                continue;
            }

            record.AddRaw(line);
            if (line.Problem is not null || line.IsBlank)
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
                record.Add(tag, line.Text.Length > 3 ? line.Text[3..].Trim() : "", line.Number);
            }
            else if (char.IsWhiteSpace(line.Text[0]))
            {
                record.Continue(line.Text.Trim(), line.Number);
            }
            else
            {
                record.Fail(line.Number, "line is neither a two-letter tag nor an indented continuation line");
            }
        }

        if (record is not null)
        {
            yield return record.Error ?? new ParseError(record.StartLine, "record is cut off: the file ends before its 'ER' line");
        }
        else if (results == 0)
        {
            yield return new ParseError(1, "no Web of Science record found (no line starting with 'PT ')");
        }
    }

    internal static string? TagOf(string line) =>
        line.Length >= 2 && char.IsAsciiLetterUpper(line[0]) && (char.IsAsciiLetterUpper(line[1]) || char.IsAsciiDigit(line[1]))
        && (line.Length == 2 || line[2] == ' ')
            ? line[..2]
            : null;

    private static TaggedRecord Start(TextLine line, ParserLimits limits)
    {
        var record = new TaggedRecord(line.Number, limits);
        record.AddRaw(line);
        record.Add("PT", line.Text[2..].Trim(), line.Number);
        return record;
    }

    private static ParseResult Finish(TaggedRecord r)
    {
        if (r.Error is not null)
        {
            return r.Error;
        }

        var fullNames = r.Lines("AF");
        var draft = new RecordDraft
        {
            Title = r.First("TI"),
            Abstract = r.Joined("AB"),
            Authors = fullNames.Count > 0 ? fullNames : r.Lines("AU"),
            YearText = r.First("PY", "EY", "PD"),
            Journal = r.First("SO", "SE"),
            Volume = r.First("VL"),
            Issue = r.First("IS"),
            StartPage = r.First("BP") ?? r.First("AR"),
            EndPage = r.First("EP"),
            Doi = r.First("DI", "D2"),
            Pmid = r.First("PM"),
            Issns = r.Lines("SN", "EI"),
            Keywords = [.. FieldNormalizer.Split(r.First("DE"), ';'), .. FieldNormalizer.Split(r.First("ID"), ';')],
            PublicationType = r.First("DT", "PT"),
            SourceRecordId = r.First("UT"),
        };
        return new ParsedRecord(draft.Build(r.StartLine, r.RawHash()));
    }
}
