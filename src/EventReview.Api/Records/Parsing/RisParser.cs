namespace EventReview.Records.Parsing;

/// <summary>
/// RIS ("TY  - " ... "ER  - "). Vendor quirks handled: untagged continuation lines belong to the previous tag;
/// text between ER and the next TY (Ovid's "1." numbering, "Link to the Ovid Full Text" lines, a stray NL tag)
/// is outside any record and ignored, as the RIS specification says; repeated tags; A1/T1/Y1/N2 alternatives.
/// </summary>
internal static class RisParser
{
    private static readonly TaggedLineParser Format = new()
    {
        Separator = "  -",
        StartTag = "TY",
        MissingEnd = (_, line) => $"record has no 'ER  -' line before the next 'TY  -' at line {line}",
        CutOff = "record is cut off: the file ends before its 'ER  -' line",
        NoRecord = "no RIS record found (no line starting with 'TY  - ')",
        Draft = Draft,
    };

    public static IEnumerable<ParseResult> Parse(TextReader reader, ParserLimits limits) => Format.Parse(reader, limits);

    /// <summary>"XY  - value": two characters (letter, then letter or digit), two spaces, a hyphen.</summary>
    internal static string? TagOf(string line) => Format.TagOf(line);

    private static RecordDraft Draft(TaggedRecord r)
    {
        var accession = r.First("AN");
        return new RecordDraft
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
    }
}
