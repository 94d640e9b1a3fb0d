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
        var record = new EndnoteXmlRecord(line, limits);
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
                    record.Open(xml.LocalName, xml.GetAttribute("name"), xml.IsEmptyElement, ((IXmlLineInfo)xml).LineNumber, StartTag(xml));
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

    /// <summary>The start tag as text, attributes included, for the record's raw hash.</summary>
    private static string StartTag(XmlReader xml)
    {
        var empty = xml.IsEmptyElement;
        var tag = new StringBuilder("<").Append(xml.Name);
        while (xml.MoveToNextAttribute())
        {
            tag.Append(' ').Append(xml.Name).Append("=\"").Append(xml.Value).Append('"');
        }

        xml.MoveToElement();
        return tag.Append(empty ? "/>" : ">").ToString();
    }
}
