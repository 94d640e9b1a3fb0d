namespace EventReview.Records.Parsing;

/// <summary>
/// Web of Science field-tagged (CIW): "FN"/"VR" header, records from "PT x" to "ER", "EF" at the end; two-letter
/// tags followed by one space, continuation lines indented by three spaces. In AU/AF and similar lists each line is
/// one value; elsewhere continuation lines are joined with a space.
/// </summary>
internal static class WosParser
{
    private static readonly TaggedLineParser Format = new()
    {
        Separator = "",
        StartTag = "PT",
        FileEndTag = "EF",
        IndentedContinuations = true,
        MissingEnd = (tag, line) => $"record has no 'ER' line before the '{tag}' at line {line}",
        CutOff = "record is cut off: the file ends before its 'ER' line",
        NoRecord = "no Web of Science record found (no line starting with 'PT ')",
        Draft = Draft,
    };

    public static IEnumerable<ParseResult> Parse(TextReader reader, ParserLimits limits) => Format.Parse(reader, limits);

    private static RecordDraft Draft(TaggedRecord r)
    {
        var fullNames = r.Lines("AF");
        return new RecordDraft
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
    }
}
