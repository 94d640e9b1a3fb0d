using System.Diagnostics;
using EventReview.Benchmarks.Harness;

namespace EventReview.Benchmarks.Scenarios;

/// <summary>
/// Time from starting `eventreview serve` as a child process to its first answered GET /health/live, against a
/// database on the bench cluster: the first start (empty database: schema creation) and warm starts after it.
/// The baseline is the same executable printing its help (runtime and command-line start-up, no host).
/// </summary>
public sealed class StartUp : IScenario
{
    public const string Baseline = "`eventreview --help` (process start, no host)";
    public const int WarmStarts = 3;

    public string Name => "startup";

    public IReadOnlyList<long> Sizes(bool quick) => [1];

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchContext context, long size, CancellationToken ct)
    {
        if (context.CliPath is not { } cli || !File.Exists(cli))
        {
            context.Log("startup: no eventreview executable (pass --cli PATH); skipped");
            return [];
        }
        var connectionString = await context.CreateDatabaseAsync("bench_startup", ct);
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__EventReview"] = connectionString,
            ["EventReview__DataDirectory"] = Path.Combine(context.WorkDirectory, "startup-data"),
        };
        foreach (var (key, value) in context.SharedNodeSettings()) environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var help = new List<double>();
        for (var i = 0; i < WarmStarts; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var process = Start(cli, ["--help"], environment, redirect: true);
            await process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            help.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }

        var first = await ServeUntilLiveAsync(context, cli, environment, ct);
        var warm = new List<double>();
        for (var i = 0; i < WarmStarts; i++) warm.Add(await ServeUntilLiveAsync(context, cli, environment, ct));
        context.Log($"first {first:N2} s, warm {string.Join(", ", warm.Select(w => w.ToString("N2", System.Globalization.CultureInfo.InvariantCulture)))} s");

        return
        [
            new(Name, Baseline, size, Median(help), "s"),
            new(Name, "serve to first /health/live, first start (empty database)", size, first, "s", Baseline: Baseline),
            new(Name, "serve to first /health/live, warm start", size, Median(warm), "s", Baseline: Baseline,
                Aim: new("< 5 s", 5, AtLeast: false), Note: $"median of {WarmStarts}"),
        ];
    }

    private static async Task<double> ServeUntilLiveAsync(BenchContext context, string cli, Dictionary<string, string> environment, CancellationToken ct)
    {
        var port = FreePort();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var live = new Uri($"http://127.0.0.1:{port}/health/live");
        var started = Stopwatch.GetTimestamp();
        using var process = Start(cli, ["serve", "--urls", $"http://127.0.0.1:{port}"], environment, redirect: false);
        try
        {
            while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(120))
            {
                if (process.HasExited) throw new InvalidOperationException($"eventreview serve exited with {process.ExitCode} before answering.");
                try
                {
                    using var response = await http.GetAsync(live, ct);
                    if (response.IsSuccessStatusCode) return Stopwatch.GetElapsedTime(started).TotalSeconds;
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }
                await Task.Delay(10, ct);
            }
            throw new TimeoutException("eventreview serve did not answer /health/live within 120 s.");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(ct);
            context.Log($"serve stopped (pid {process.Id})");
        }
    }

    /// <summary>The apphost when there is one, else `dotnet eventreview.dll`; the server's own log goes to /dev/null.</summary>
    private static Process Start(string cli, string[] args, Dictionary<string, string> environment, bool redirect)
    {
        var dll = cli.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var start = new ProcessStartInfo(dll ? "dotnet" : cli, dll ? [cli, .. args] : args)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = !redirect,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {cli}.");
        if (!redirect)
        {
            // Drained so a chatty server never blocks on a full pipe.
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }
        return process;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
