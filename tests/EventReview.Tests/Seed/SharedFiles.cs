using System.Runtime.CompilerServices;

namespace EventReview.Tests.Seed;

/// <summary>
/// Files in ../shared beside the repository (the seed paper, the labelled review). Found above the test binary, or
/// above this source file when the build writes its output elsewhere (--artifacts-path); EVENTREVIEW_SHARED overrides.
/// </summary>
public static class SharedFiles
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root(), .. parts]);

    private static string Root([CallerFilePath] string source = "")
    {
        var configured = Environment.GetEnvironmentVariable("EVENTREVIEW_SHARED");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        foreach (var start in new[] { AppContext.BaseDirectory, System.IO.Path.GetDirectoryName(source)! })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                foreach (var candidate in new[] { System.IO.Path.Combine(dir.FullName, "shared"), System.IO.Path.Combine(dir.FullName, "..", "shared") })
                    if (Directory.Exists(System.IO.Path.Combine(candidate, "seed"))) return System.IO.Path.GetFullPath(candidate);
        throw new DirectoryNotFoundException($"No shared/seed directory above {AppContext.BaseDirectory} or {source}; set EVENTREVIEW_SHARED.");
    }
}
