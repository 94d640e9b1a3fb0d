using System.Globalization;
using EventReview.Benchmarks;
using EventReview.Benchmarks.Harness;

// Usage (ops/bench drives this; each run is its own process):
//   plan [--quick] [--base-only]        lines of "scenario size", in the order to run them (--base-only: no growth sizes)
//   run SCENARIO [--size N] [--quick]   measures one size and appends its figures to the results file
//   report                              prints the table of every figure in the results file
// Options: --server CONNSTR (or EVENTREVIEW_BENCH_DB), --results FILE, --work DIR, --repo DIR, --cli PATH, --citation-js DIR,
//          --wait-quiet SECONDS (before each run, wait up to that long for other work on the machine to stop),
//          --start-file PATH and --warm-up SECONDS (votes: start voting once PATH exists, warm up that long; see ops/bench-pair)
var command = args.FirstOrDefault() ?? "help";
var options = Options.Parse(args.Skip(1).ToArray());
var output = Console.Out;

switch (command)
{
    case "plan":
        foreach (var scenario in ScenarioCatalog.All)
        {
            var sizes = scenario.Sizes(options.Quick);
            // The issue's own size is the middle of a growth list (N/10, N, 10N or N/10, N), else the only one.
            if (options.BaseOnly) sizes = [sizes[sizes.Count > 1 ? 1 : 0]];
            foreach (var size in sizes) output.WriteLine($"{scenario.Name} {size}");
        }
        return 0;

    case "run":
    {
        var name = options.Positional.FirstOrDefault() ?? throw new ArgumentException("run needs a scenario name.");
        var scenario = ScenarioCatalog.All.FirstOrDefault(s => s.Name == name)
            ?? throw new ArgumentException($"Unknown scenario '{name}'; one of: {string.Join(", ", ScenarioCatalog.All.Select(s => s.Name))}.");
        var context = options.Context(output);
        var sizes = options.Size is { } one ? [one] : scenario.Sizes(options.Quick);
        foreach (var size in sizes)
        {
            output.WriteLine($"== {scenario.Name} at {size:N0}");
            await context.DropDatabasesExceptAsync(scenario.DatabasesRead(size), CancellationToken.None);
            if (options.QuietWait > TimeSpan.Zero) await RunConditions.WaitForQuietAsync(context, options.QuietWait);
            var conditions = await RunConditions.StartAsync(context.ServerConnectionString);
            var figures = await scenario.RunAsync(context, size, CancellationToken.None);
            if (figures.Count == 0) continue; // the scenario was skipped and said why
            figures = [.. figures, conditions.Stop(scenario.Name, size)];
            ResultsFile.Append(options.Results, figures);
            Report.Write(output, figures, ResultsFile.Read(options.Results));
        }
        return 0;
    }

    case "report":
        Report.Write(output, ResultsFile.Read(options.Results));
        return 0;

    default:
        output.WriteLine("usage: plan [--quick] | run SCENARIO [--size N] [--quick] | report   (see ops/bench)");
        return command == "help" ? 0 : 2;
}

internal sealed class Options
{
    public List<string> Positional { get; } = [];
    public bool Quick { get; private set; }
    public bool BaseOnly { get; private set; }
    public long? Size { get; private set; }
    public string? Server { get; private set; } = Environment.GetEnvironmentVariable("EVENTREVIEW_BENCH_DB");
    public string Work { get; private set; } = Path.Combine(Path.GetTempPath(), "eventreview-bench");
    public string Results => _results ?? Path.Combine(Work, "results.jsonl");
    public string? Repo { get; private set; }
    public string? Cli { get; private set; }
    public string? CitationJs { get; private set; }
    public TimeSpan QuietWait { get; private set; }
    public string? StartFile { get; private set; }
    public TimeSpan? WarmUp { get; private set; }
    private string? _results;

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--quick": o.Quick = true; break;
                case "--base-only": o.BaseOnly = true; break;
                case "--size": o.Size = long.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--server": o.Server = Next(); break;
                case "--work": o.Work = Next(); break;
                case "--results": o._results = Next(); break;
                case "--repo": o.Repo = Next(); break;
                case "--cli": o.Cli = Next(); break;
                case "--citation-js": o.CitationJs = Next(); break;
                case "--wait-quiet": o.QuietWait = TimeSpan.FromSeconds(int.Parse(Next(), CultureInfo.InvariantCulture)); break;
                case "--start-file": o.StartFile = Next(); break;
                case "--warm-up": o.WarmUp = TimeSpan.FromSeconds(int.Parse(Next(), CultureInfo.InvariantCulture)); break;
                default: o.Positional.Add(args[i]); break;
            }
        }
        return o;
    }

    public BenchContext Context(TextWriter output) => new()
    {
        ServerConnectionString = Server ?? throw new ArgumentException("Name the bench cluster: --server CONNSTR or EVENTREVIEW_BENCH_DB."),
        WorkDirectory = Directory.CreateDirectory(Work).FullName,
        RepositoryRoot = Repo ?? FindRepositoryRoot(),
        Quick = Quick,
        CliPath = Cli,
        CitationJsDirectory = CitationJs,
        StartFile = StartFile,
        WarmUp = WarmUp,
        Out = output,
    };

    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "EventReview.sln"))) return dir.FullName;
        }
        throw new ArgumentException("Cannot find the repository root (EventReview.sln); pass --repo DIR.");
    }
}
