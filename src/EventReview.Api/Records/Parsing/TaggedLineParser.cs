namespace EventReview.Records.Parsing;

/// <summary>
/// The state machine of the tagged-line formats that close each record with "ER" (RIS, Web of Science): a two-character
/// tag, a separator, the value; untagged lines continue the previous tag. Text between records is ignored, apart from
/// unreadable lines; a start tag inside a record ends it with an error. Each format supplies only what differs.
/// </summary>
internal sealed class TaggedLineParser
{
    /// <summary>What stands between the tag and the space before the value: "  -" in RIS, nothing in WoS.</summary>
    public required string Separator { get; init; }

    public required string StartTag { get; init; }

    /// <summary>A tag that closes the file, and with it any record still open (WoS "EF").</summary>
    public string? FileEndTag { get; init; }

    /// <summary>An untagged line must be indented to continue a tag; otherwise it is an error.</summary>
    public bool IndentedContinuations { get; init; }

    /// <summary>The message when a start or file-end tag (the argument) comes before the open record's "ER".</summary>
    public required Func<string, int, string> MissingEnd { get; init; }

    public required string CutOff { get; init; }
    public required string NoRecord { get; init; }

    /// <summary>The format's fields of a record read without error.</summary>
    public required Func<TaggedRecord, RecordDraft> Draft { get; init; }

    public IEnumerable<ParseResult> Parse(TextReader reader, ParserLimits limits)
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
                if (tag == StartTag && line.Problem is null)
                {
                    record = Start(line, limits);
                }

                continue;
            }

            if (tag is not null && (tag == StartTag || tag == FileEndTag) && line.Problem is null)
            {
                results++;
                yield return record.Error ?? new ParseError(record.StartLine, MissingEnd(tag, line.Number));
                record = tag == StartTag ? Start(line, limits) : null;
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
                if (IndentedContinuations && !char.IsWhiteSpace(line.Text[0]))
                {
                    record.Fail(line.Number, "line is neither a two-letter tag nor an indented continuation line");
                }
                else
                {
                    record.Continue(line.Text.Trim(), line.Number);
                }
            }
        }

        if (record is not null)
        {
            yield return record.Error ?? new ParseError(record.StartLine, CutOff);
        }
        else if (results == 0)
        {
            yield return new ParseError(1, NoRecord);
        }
    }

    /// <summary>Two characters (capital, then capital or digit), the separator, then a space or the end of the line.</summary>
    public string? TagOf(string line) =>
        line.Length >= 2 + Separator.Length && char.IsAsciiLetterUpper(line[0]) && (char.IsAsciiLetterUpper(line[1]) || char.IsAsciiDigit(line[1]))
        && line.AsSpan(2).StartsWith(Separator, StringComparison.Ordinal)
        && (line.Length == 2 + Separator.Length || line[2 + Separator.Length] == ' ')
            ? line[..2]
            : null;

    private string Value(string line)
    {
        var start = Separator.Length + 3;
        return line.Length > start ? line[start..].Trim() : "";
    }

    private TaggedRecord Start(TextLine line, ParserLimits limits)
    {
        var record = new TaggedRecord(line.Number, limits);
        record.AddRaw(line);
        record.Add(StartTag, Value(line.Text), line.Number);
        return record;
    }

    private ParseResult Finish(TaggedRecord record) =>
        record.Error ?? (ParseResult)new ParsedRecord(Draft(record).Build(record.StartLine, record.RawHash()));
}
