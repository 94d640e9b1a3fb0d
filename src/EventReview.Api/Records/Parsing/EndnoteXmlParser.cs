using System.Text;
using System.Xml;

namespace EventReview.Records.Parsing;

/// <summary>
/// EndNote "Export → XML": &lt;xml&gt;&lt;records&gt;&lt;record&gt;... with each value wrapped in &lt;style&gt; elements.
/// Streams with XmlReader (the whole library often sits on a few very long lines); DTDs are ignored so entity
/// expansion cannot be abused. XML cannot be resynchronised, so a syntax error ends the parse with one error.
/// </summary>
internal static class EndnoteXmlParser
{
    private static readonly HashSet<string> Captured =
    [
        "titles/title", "titles/secondary-title", "titles/alt-title", "periodical/full-title", "periodical/abbr-1",
        "contributors/authors/author", "dates/year", "volume", "number", "pages", "electronic-resource-num",
        "accession-num", "rec-number", "remote-database-provider", "remote-database-name", "isbn", "keywords/keyword",
        "urls/related-urls/url", "urls/web-urls/url", "urls/pdf-urls/url", "abstract",
    ];

    public static IEnumerable<ParseResult> Parse(TextReader reader, ParserLimits limits)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            CheckCharacters = false,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = false,
        };
        using var xml = XmlReader.Create(reader, settings);
        var records = 0;
        while (true)
        {
            ParseResult? result;
            var fatal = false;
            try
            {
                result = NextRecord(xml, limits);
            }
            catch (XmlException e)
            {
                result = new ParseError(Math.Max(1, e.LineNumber), $"invalid XML: {e.Message}");
                fatal = true;
            }

            if (result is null)
            {
                break;
            }

            records++;
            yield return result;
            if (fatal)
            {
                yield break;
            }
        }

        if (records == 0)
        {
            yield return new ParseError(1, "no EndNote <record> element found");
        }
    }

    private static ParseResult? NextRecord(XmlReader xml, ParserLimits limits)
    {
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "record")
            {
                return ReadRecord(xml, limits);
            }
        }

        return null;
    }

    private static ParseResult ReadRecord(XmlReader xml, ParserLimits limits)
    {
        var line = Math.Max(1, ((IXmlLineInfo)xml).LineNumber);
        var record = new XmlRecord(line, limits);
        if (xml.IsEmptyElement)
        {
            return new ParseError(line, "empty <record> element");
        }

        var depth = xml.Depth;
        var chunk = new char[4096];
        while (xml.Read())
        {
            switch (xml.NodeType)
            {
                case XmlNodeType.Element:
                    record.Open(xml.LocalName, xml.GetAttribute("name"), xml.IsEmptyElement, ((IXmlLineInfo)xml).LineNumber);
                    break;
                case XmlNodeType.EndElement when xml.Depth == depth:
                    return record.Finish();
                case XmlNodeType.EndElement:
                    record.Close(xml.LocalName);
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    int n;
                    while ((n = xml.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                    {
                        record.Text(chunk.AsSpan(0, n));
                    }

                    break;
            }
        }

        throw new XmlException("unexpected end of file inside <record>", null, line, 0);
    }

    /// <summary>One record's captured values, keyed by element path below &lt;record&gt; with &lt;style&gt; wrappers left out.</summary>
    private sealed class XmlRecord(int line, ParserLimits limits)
    {
        private const int MaxDepth = 32;
        private readonly List<string> path = [];
        private readonly List<(string Path, string Value)> values = [];
        private readonly StringBuilder raw = new();
        private readonly StringBuilder current = new();
        private int captureDepth = -1;
        private string? publicationType;
        private ParseError? error;

        public void Open(string name, string? nameAttribute, bool empty, int elementLine)
        {
            Raw($"<{name}{(nameAttribute is null ? "" : $" name=\"{nameAttribute}\"")}{(empty ? "/" : "")}>");
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
}
