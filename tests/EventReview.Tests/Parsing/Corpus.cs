using EventReview.Records.Parsing;
using Shouldly;

namespace EventReview.Tests.Parsing;

/// <summary>
/// The shared corpus of real export files (corpus/bib/SOURCES.md). It lives beside the repository in
/// ../shared/corpus; EVENTREVIEW_CORPUS overrides the location.
/// </summary>
public static class Corpus
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Bib(string relativePath) => Path.Combine(Root.Value, "bib", relativePath);

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

    private static string FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("EVENTREVIEW_CORPUS");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new DirectoryNotFoundException($"EVENTREVIEW_CORPUS points to a missing directory: {fromEnvironment}");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "corpus"), Path.Combine(dir.FullName, "..", "shared", "corpus") })
            {
                if (Directory.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        throw new DirectoryNotFoundException(
            $"No shared/corpus directory above {AppContext.BaseDirectory}; set EVENTREVIEW_CORPUS to the corpus directory.");
    }
}
