using System.Text;

namespace EventReview.Records.Parsing;

/// <summary>One record's captured values, keyed by element path below &lt;record&gt; with &lt;style&gt; wrappers left out.</summary>
internal sealed class EndnoteXmlRecord(int line, ParserLimits limits)
{
    private const int MaxDepth = 32;

    /// <summary>Element paths below &lt;record&gt; that hold a value we keep.</summary>
    private static readonly HashSet<string> Captured =
    [
        "titles/title", "titles/secondary-title", "titles/alt-title", "periodical/full-title", "periodical/abbr-1",
        "contributors/authors/author", "dates/year", "volume", "number", "pages", "electronic-resource-num",
        "accession-num", "rec-number", "remote-database-provider", "remote-database-name", "isbn", "keywords/keyword",
        "urls/related-urls/url", "urls/web-urls/url", "urls/pdf-urls/url", "abstract",
    ];

    private readonly List<string> path = [];
    private readonly List<(string Path, string Value)> values = [];
    private readonly StringBuilder raw = new();
    private readonly StringBuilder current = new();
    private int captureDepth = -1;
    private string? publicationType;
    private ParseError? error;

    public void Open(string name, string? nameAttribute, bool empty, int elementLine, string startTag)
    {
        Raw(startTag);
        if (name == "ref-type")
        {
            publicationType = nameAttribute;
        }

        if (name == "style" || empty)
        {
            return;
        }

        path.Add(name);
        if (path.Count > MaxDepth)
        {
            error ??= new ParseError(elementLine, $"elements nested deeper than {MaxDepth} levels");
        }

        if (captureDepth < 0 && Captured.Contains(string.Join('/', path)))
        {
            captureDepth = path.Count;
            current.Clear();
        }
    }

    public void Close(string name)
    {
        Raw($"</{name}>");
        if (name == "style" || path.Count == 0)
        {
            return;
        }

        if (captureDepth == path.Count)
        {
            values.Add((string.Join('/', path), current.ToString()));
            captureDepth = -1;
        }

        path.RemoveAt(path.Count - 1);
    }

    public void Text(ReadOnlySpan<char> text)
    {
        Raw(text);
        if (captureDepth < 0)
        {
            return;
        }

        if (current.Length + text.Length > limits.MaxFieldLength)
        {
            error ??= new ParseError(line, $"field <{path[^1]}> is longer than {limits.MaxFieldLength} characters");
            return;
        }

        current.Append(text);
    }

    public ParseResult Finish()
    {
        if (error is not null)
        {
            return error;
        }

        var accession = First("accession-num");
        var draft = new RecordDraft
        {
            Title = First("titles/title"),
            Abstract = First("abstract"),
            Authors = All("contributors/authors/author").ToList(),
            YearText = First("dates/year"),
            Journal = First("titles/secondary-title", "periodical/full-title", "titles/alt-title", "periodical/abbr-1"),
            Volume = First("volume"),
            Issue = First("number"),
            Pages = First("pages"),
            Doi = Lines(All("electronic-resource-num")).FirstOrDefault(),
            Pmid = FieldNormalizer.PmidFromAccession(accession, First("remote-database-provider"), First("remote-database-name")),
            Issns = Lines(All("isbn")).ToList(),
            Keywords = Lines(All("keywords/keyword")).ToList(),
            Urls = Lines(All("urls/related-urls/url", "urls/web-urls/url", "urls/pdf-urls/url")).ToList(),
            PublicationType = publicationType,
            SourceRecordId = accession ?? First("rec-number"),
        };
        return new ParsedRecord(draft.Build(line, RawText.Hash(raw.ToString())));
    }

    private IEnumerable<string> All(params string[] paths) => values.Where(v => paths.Contains(v.Path)).Select(v => v.Value);

    private string? First(params string[] paths) =>
        paths.Select(p => values.Find(v => v.Path == p).Value).FirstOrDefault(v => v is not null);

    /// <summary>EndNote separates several values inside one field with &amp;#xD; line breaks.</summary>
    private static IEnumerable<string> Lines(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private void Raw(ReadOnlySpan<char> text)
    {
        if (raw.Length + text.Length > limits.MaxRecordLength)
        {
            error ??= new ParseError(line, $"record is longer than {limits.MaxRecordLength} characters");
            return;
        }

        raw.Append(text);
    }
}
