using System.Diagnostics;
using System.Text.Json;
using EventReview.Benchmarks.Harness;
using EventReview.Records.Parsing;

namespace EventReview.Benchmarks.Scenarios;

/// <summary>
/// Parse throughput of a RIS file built from the corpus: EventReview's streaming BibParser, beside citation-js's
/// RIS input (file parse plus conversion to CSL-JSON) on the same file, when node and the packages are at hand.
/// </summary>
public sealed class Parse : IScenario
{
    public const string Rate = "BibParser RIS parse";
    public const string CitationJs = "citation-js RIS parse + CSL conversion";

    public string Name => "parse";

    public IReadOnlyList<long> Sizes(bool quick) => Harness.Sizes.Growth(100_000, quick);

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchContext context, long size, CancellationToken ct)
    {
        var path = RisCorpus.Build(context, size);
        var megabytes = new FileInfo(path).Length / 1e6;
        context.Log($"{path}: {megabytes:N0} MB");

        // One untimed pass warms the page cache and the JIT; the second is measured.
        Count(path);
        GC.Collect();
        ProcessMemory.ResetPeak();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        var (records, errors) = Count(path);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var peak = ProcessMemory.PeakBytes();

        var figures = new List<Figure>
        {
            new(Name, Rate, size, records / seconds, "records/s", Baseline: CitationJs,
                Note: $"{records:N0} records, {errors} errors, {megabytes / seconds:N0} MB/s"),
            new(Name, "BibParser allocation", size, allocated / (double)Math.Max(records, 1), "bytes/record"),
            new(Name, "BibParser peak working set", size, peak / 1e6, "MB"),
        };
        figures.AddRange(await CitationJsAsync(context, path, size, ct));
        return figures;
    }

    private static (long Records, long Errors) Count(string path)
    {
        long records = 0, errors = 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        foreach (var result in BibParser.Parse(stream, BibFormat.Ris))
        {
            if (result is ParsedRecord) records++;
            else errors++;
        }
        return (records, errors);
    }

    private async Task<IReadOnlyList<Figure>> CitationJsAsync(BenchContext context, string path, long size, CancellationToken ct)
    {
        var modules = context.CitationJsDirectory is { } dir ? Path.Combine(dir, "node_modules") : null;
        if (modules is null || !Directory.Exists(Path.Combine(modules, "@citation-js", "plugin-ris")))
        {
            context.Log("citation-js: not installed (pass --citation-js DIR); skipped");
            return [];
        }

        var start = new ProcessStartInfo("node", ["--max-old-space-size=16384", Path.Combine(AppContext.BaseDirectory, "citation-js", "parse-ris.js"), path])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
            Environment = { ["NODE_PATH"] = modules },
        };
        using var node = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var line = await node.StandardOutput.ReadToEndAsync(ct);
        await node.WaitForExitAsync(ct);
        context.Log("citation-js: " + line.Trim());

        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        var version = $"core {root.GetProperty("core").GetString()}, plugin-ris {root.GetProperty("pluginRis").GetString()}";
        if (root.TryGetProperty("error", out var error))
        {
            return [new(Name, CitationJs, size, double.NaN, "records/s", Note: $"{version}: failed: {error.GetString()}")];
        }

        var entries = root.GetProperty("entries").GetInt64();
        var failed = root.GetProperty("failed").GetInt64();
        var seconds = root.GetProperty("parseSeconds").GetDouble() + root.GetProperty("convertSeconds").GetDouble();
        return
        [
            new(Name, CitationJs, size, entries / seconds, "records/s",
                Note: $"{version}; {entries:N0} records, {failed:N0} not convertible; file parse {root.GetProperty("parseSeconds").GetDouble():N1} s"),
            new(Name, "citation-js peak RSS", size, root.GetProperty("maxRssBytes").GetInt64() / 1e6, "MB", Baseline: "BibParser peak working set"),
        ];
    }
}
