using System.Text.RegularExpressions;

namespace EventReview.Records.Parsing;

/// <summary>
/// CSV (or tab/semicolon separated) exports, columns found by the header names databases use (Scopus, Web of
/// Science, Embase, PubMed, Rayyan...). Embase has no year column: the year, volume, issue and pages come from its
/// "Source" citation, e.g. "Endoscopic Ultrasound (2014) 3:3 (152-160)".
/// </summary>
internal static partial class CsvParser
{
    /// <summary>Header names per field, best first; compared trimmed and case-insensitively.</summary>
    internal static readonly (string Field, string[] Headers)[] Columns =
    [
        ("title", ["title", "article title", "document title", "primary title", "ti"]),
        ("authors", ["authors", "author", "author names", "author(s)", "au", "author full names", "af"]),
        ("year", ["year", "publication year", "py", "pubyear", "year published", "publication date", "date"]),
        ("doi", ["doi", "di"]),
        ("pmid", ["pmid", "pubmed id", "pubmed_id", "pm"]),
        ("journal", ["source title", "journal", "journal title", "publication title", "journal/book", "secondary title", "so"]),
        ("volume", ["volume", "vl"]),
        ("issue", ["issue", "number", "is"]),
        ("pages", ["pages", "page range"]),
        ("start page", ["page start", "start page", "bp"]),
        ("end page", ["page end", "end page", "ep"]),
        ("issn", ["issn", "eissn", "e-issn", "sn", "ei"]),
        ("keywords", ["keywords", "author keywords", "index keywords", "mesh terms", "de"]),
        ("abstract", ["abstract", "ab"]),
        ("url", ["url", "link", "links", "open url link"]),
        ("type", ["document type", "publication type", "type", "item type", "dt", "pt"]),
        ("id", ["accession number", "ut (unique wos id)", "ut", "eid", "an"]),
        ("source", ["source"]),
    ];

    public static IEnumerable<ParseResult> Parse(TextReader reader, ParserLimits limits)
    {
        var input = new CharReader(reader, limits.MaxRecordLength);
        string header;
        int headerLine;
        do
        {
            headerLine = input.Line;
            header = CsvRowReader.ReadRawLine(input, limits.MaxRecordLength);
        }
        while (header.Trim().Length == 0 && input.Peek() >= 0);

        // Column names never hold line breaks: a stray quote in the header would otherwise swallow the rows, silently.
        if (header.Contains('\n', StringComparison.Ordinal))
        {
            yield return new ParseError(headerLine, "CSV header has a stray quote that runs past the end of its line");
            yield break;
        }

        var delimiter = CsvRowReader.DetectDelimiter(header);
        var names = new CsvRowReader(new CharReader(new StringReader(header), limits.MaxRecordLength), delimiter, limits).ReadRow()?.Fields ?? [];
        var map = ColumnMap(names);
        if (!map.ContainsKey("title"))
        {
            yield return new ParseError(headerLine, "CSV header has no title column (expected Title, Article Title, Document Title or TI)");
            yield break;
        }

        var rows = new CsvRowReader(input, delimiter, limits);
        while (rows.ReadRow() is { } row)
        {
            if (row.Error is not null)
            {
                yield return row.Error;
            }
            else if (row.Fields.Count != names.Count)
            {
                yield return new ParseError(row.Line, $"row has {row.Fields.Count} fields but the header has {names.Count}");
            }
            else
            {
                yield return new ParsedRecord(Map(row, map).Build(row.Line, RawText.Hash(row.Raw)));
            }
        }
    }

    private static Dictionary<string, int[]> ColumnMap(List<string> names)
    {
        var normalized = names.Select(n => FieldNormalizer.Text(n.Trim('\uFEFF'))?.ToLowerInvariant()).ToList();
        var map = new Dictionary<string, int[]>();
        foreach (var (field, headers) in Columns)
        {
            var indices = headers.Select(h => normalized.IndexOf(h)).Where(i => i >= 0).ToArray();
            if (indices.Length > 0)
            {
                map[field] = indices;
            }
        }

        return map;
    }

    private static RecordDraft Map(CsvRow row, Dictionary<string, int[]> map)
    {
        IEnumerable<string> All(string field) =>
            map.TryGetValue(field, out var indices) ? indices.Select(i => row.Fields[i]).Where(v => v.Trim().Length > 0) : [];
        string? First(string field) => All(field).FirstOrDefault();

        var authors = First("authors");
        var draft = new RecordDraft
        {
            Title = First("title"),
            Abstract = First("abstract"),
            Authors = FieldNormalizer.Split(authors, authors?.Contains(';') == true ? ';' : ',').ToList(),
            YearText = First("year"),
            Journal = First("journal"),
            Volume = First("volume"),
            Issue = First("issue"),
            Pages = First("pages"),
            StartPage = First("start page"),
            EndPage = First("end page"),
            Doi = First("doi"),
            Pmid = First("pmid"),
            Issns = All("issn").ToList(),
            Keywords = All("keywords").SelectMany(k => FieldNormalizer.Split(k, k.Contains(';') ? ';' : ',')).ToList(),
            Urls = All("url").ToList(),
            PublicationType = First("type"),
            SourceRecordId = First("id"),
        };
        ApplyCitation(draft, First("source"));
        return draft;
    }

    /// <summary>Fills what is missing from an Embase-style citation; any other "Source" value is taken as the journal.</summary>
    private static void ApplyCitation(RecordDraft draft, string? source)
    {
        if (source is null)
        {
            return;
        }

        var m = Citation().Match(source);
        if (!m.Success)
        {
            draft.Journal ??= source;
            return;
        }

        draft.Journal ??= m.Groups["journal"].Value;
        draft.YearText ??= m.Groups["year"].Value;
        draft.Volume ??= NullIfEmpty(m.Groups["volume"].Value);
        draft.Issue ??= NullIfEmpty(m.Groups["issue"].Value);
        if (draft.Pages is null && draft.StartPage is null)
        {
            draft.Pages = NullIfEmpty(m.Groups["pages"].Value);
        }
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    [GeneratedRegex(@"^(?<journal>[^()]+?) \((?<year>[12][0-9]{3})\)(?: (?<volume>[^\s:(]+)(?::(?<issue>[^\s(]+))?)?(?: \((?<pages>[^)]*)\))?")]
    private static partial Regex Citation();
}
