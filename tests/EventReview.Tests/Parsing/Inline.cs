using EventReview.Records.Parsing;

namespace EventReview.Tests.Parsing;

/// <summary>Parses text written in a test.</summary>
public static class Inline
{
    public static (List<BibRecord> Records, List<ParseError> Errors) Parse(string text, BibFormat format, ParserLimits? limits = null)
    {
        using var reader = new StringReader(text);
        var results = BibParser.Parse(reader, format, limits).ToList();
        return (results.OfType<ParsedRecord>().Select(r => r.Record).ToList(), results.OfType<ParseError>().ToList());
    }
}
