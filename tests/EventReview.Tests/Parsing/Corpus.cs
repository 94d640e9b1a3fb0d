using EventReview.Records.Parsing;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.Parsing;

/// <summary>The corpus of real export files in tests/data/corpus (corpus/bib/SOURCES.md).</summary>
public static class Corpus
{
    public static string Bib(string relativePath) => TestData.Path("corpus", "bib", relativePath);

    public static (List<BibRecord> Records, List<ParseError> Errors) Parse(string relativePath, BibFormat format = BibFormat.Auto)
    {
        using var stream = File.OpenRead(Bib(relativePath));
        var results = BibParser.Parse(stream, format).ToList();
        return (results.OfType<ParsedRecord>().Select(r => r.Record).ToList(), results.OfType<ParseError>().ToList());
    }

    public static List<BibRecord> Records(string relativePath)
    {
        var (records, errors) = Parse(relativePath);
        errors.ShouldBeEmpty();
        return records;
    }
}
