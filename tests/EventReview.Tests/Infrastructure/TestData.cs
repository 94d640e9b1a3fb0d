using System.Runtime.CompilerServices;

namespace EventReview.Tests.Infrastructure;

/// <summary>
/// The repository's own test files in tests/data (see its README for where each came from). The repository root is the
/// directory holding EventReview.sln above the test binary, or above this source file when the build writes its output
/// elsewhere (--artifacts-path).
/// </summary>
public static class TestData
{
    private static readonly Lazy<string> Root = new(() => FindRoot());

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root.Value, .. parts]);

    private static string FindRoot([CallerFilePath] string source = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, System.IO.Path.GetDirectoryName(source)! })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "EventReview.sln")))
                    return System.IO.Path.Combine(dir.FullName, "tests", "data");
        throw new DirectoryNotFoundException($"No EventReview.sln above {AppContext.BaseDirectory} or {source}.");
    }
}
