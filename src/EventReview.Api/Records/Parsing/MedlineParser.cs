namespace EventReview.Records.Parsing;

/// <summary>
/// PubMed MEDLINE / .nbib: "TAG - value" with the tag padded to four characters, continuation lines indented
/// (six spaces), records separated by blank lines. A "PMID- " line also starts a new record when the blank line
/// is missing.
/// </summary>
internal static class MedlineParser
{
    public static IEnumerable<ParseResult> Parse(TextReader reader, ParserLimits limits)
    {
        var lines = new LineReader(reader, limits.MaxLineLength);
        TaggedRecord? record = null;
        var results = 0;
        while (lines.TryRead(out var line))
        {
            if (line.IsBlank && line.Problem is null)
            {
                if (record is not null)
                {
                    results++;
                    yield return Finish(record);
                    record = null;
                }

                continue;
            }

            var tag = TagOf(line.Text);
            if (tag == "PMID" && record is not null)
            {
                results++;
                yield return Finish(record);
                record = null;
            }

            if (record is null)
            {
                record = new TaggedRecord(line.Number, limits);
                if (tag is null && line.Problem is null)
                {
                    record.Fail(line.Number, "expected a MEDLINE tag such as 'PMID- ' at the start of a record");
                }
            }

            record.AddRaw(line);
            if (line.Problem is not null || record.Error is not null)
            {
                continue;
            }

            if (tag is not null)
            {
                record.Add(tag, line.Text.Length > 6 ? line.Text[6..].Trim() : "", line.Number);
            }
            else if (char.IsWhiteSpace(line.Text[0]))
            {
                record.Continue(line.Text.Trim(), line.Number);
            }
            else
            {
                record.Fail(line.Number, "line is neither a MEDLINE tag ('TAG - ') nor an indented continuation line");
            }
        }

        if (record is not null)
        {
            results++;
            yield return Finish(record);
        }

        if (results == 0)
        {
            yield return new ParseError(1, "no MEDLINE record found (no line starting with 'PMID- ')");
        }
    }

    /// <summary>A tag of two to four capitals/digits padded with spaces to four characters, then "- ".</summary>
    internal static string? TagOf(string line)
    {
        if (line.Length < 5 || line[4] != '-' || (line.Length > 5 && line[5] != ' ') || !char.IsAsciiLetterUpper(line[0]))
        {
            return null;
        }

        var tag = line[..4].TrimEnd();
        return tag.Length >= 2 && tag.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)) ? tag : null;
    }

    private static ParseResult Finish(TaggedRecord r)
    {
        if (r.Error is not null)
        {
            return r.Error;
        }

        if (!r.Has("PMID") && !r.Has("TI"))
        {
            return new ParseError(r.StartLine, "record has neither a PMID nor a TI line");
        }

        var pmid = r.First("PMID");
        var fullNames = r.Lines("FAU");
        var draft = new RecordDraft
        {
            Title = r.First("TI", "BTI", "TT"),
            Abstract = r.Joined("AB"),
            Authors = fullNames.Count > 0 ? fullNames : r.Lines("AU"),
            YearText = r.First("DP", "DEP", "EDAT"),
            Journal = r.First("JT", "TA"),
            Volume = r.First("VI"),
            Issue = r.First("IP"),
            Pages = r.First("PG"),
            Doi = Identifier(r, "[doi]"),
            Pmid = pmid,
            Issns = r.Lines("IS"),
            Keywords = [.. r.Lines("OT"), .. r.Lines("MH")],
            PublicationType = r.First("PT"),
            SourceRecordId = pmid,
        };
        return new ParsedRecord(draft.Build(r.StartLine, r.RawHash()));
    }

    /// <summary>LID and AID lines carry typed ids: "10.1371/journal.pone.0209483 [doi]", "S0048-...-9 [pii]".</summary>
    private static string? Identifier(TaggedRecord r, string type) =>
        r.Occurrences("LID").Concat(r.Occurrences("AID"))
            .Where(v => v.EndsWith(type, StringComparison.OrdinalIgnoreCase))
            .Select(v => v[..^type.Length].Trim())
            .FirstOrDefault();
}
