using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace EventReview.Benchmarks.Harness;

/// <summary>
/// How much CPU other work (a build, a test run) took while a run measured. On a two-core machine that moves every
/// figure, so the report states it: machine CPU time, less this process and its children, less the bench cluster.
/// </summary>
public sealed class RunConditions
{
    public const string Scenario = "conditions";
    private const double TicksPerSecond = 100; // USER_HZ, the unit of /proc/stat and /proc/PID/stat on Linux

    private readonly int _postmaster;
    private readonly long _busy;
    private readonly long _ours;
    private readonly long _started = Stopwatch.GetTimestamp();

    private RunConditions(int postmaster)
    {
        _postmaster = postmaster;
        _busy = MachineBusy();
        _ours = Ours(postmaster);
    }

    public static async Task<RunConditions> StartAsync(string serverConnectionString)
    {
        var postmaster = 0;
        try
        {
            await using var conn = new NpgsqlConnection(serverConnectionString);
            await conn.OpenAsync();
            await using var command = new NpgsqlCommand("select pg_backend_pid()", conn);
            var backend = (int)(await command.ExecuteScalarAsync())!;
            postmaster = int.Parse(Stat(backend)![1], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or FormatException)
        {
            // Without the cluster's processes, the figure counts them as other work: an upper bound.
        }
        return new RunConditions(postmaster);
    }

    /// <summary>
    /// Waits, up to <paramref name="limit"/>, for a 3-second window in which other work uses under a quarter of a core,
    /// so a figure is not taken while someone else's build or test run holds the machine.
    /// </summary>
    public static async Task WaitForQuietAsync(BenchContext context, TimeSpan limit)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var window = await StartAsync(context.ServerConnectionString);
            await Task.Delay(TimeSpan.FromSeconds(3));
            var other = window.Stop("", 0).Value;
            if (other < 0.25) return;
            if (Stopwatch.GetElapsedTime(started) > limit)
            {
                context.Log($"other work still uses {other:N2} cores after waiting {limit.TotalSeconds:N0} s; measuring anyway");
                return;
            }
            context.Log($"waiting for the machine: other work uses {other:N2} cores");
            await Task.Delay(TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>Average cores used by other work over the run.</summary>
    public Figure Stop(string scenario, long size)
    {
        var seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var other = (MachineBusy() - _busy) - (Ours(_postmaster) - _ours);
        return new(Scenario, scenario, size, Math.Max(0, other) / TicksPerSecond / seconds, "cores",
            Note: $"{seconds.ToString("0", CultureInfo.InvariantCulture)} s");
    }

    private static long MachineBusy()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return fields.Take(8).Sum() - fields[3] - fields[4];
    }

    /// <summary>This process, the children it has reaped, and the bench cluster's processes.</summary>
    private static long Ours(int postmaster)
    {
        long total = Cpu(Environment.ProcessId);
        if (postmaster == 0) return total;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            var stat = Stat(pid);
            if (stat is null) continue;
            if (pid == postmaster || stat[1] == postmaster.ToString(CultureInfo.InvariantCulture)) total += Cpu(stat);
        }
        return total;
    }

    private static long Cpu(int pid) => Stat(pid) is { } stat ? Cpu(stat) : 0;

    /// <summary>utime + stime + cutime + cstime.</summary>
    private static long Cpu(string[] stat) => Enumerable.Range(11, 4).Sum(i => long.Parse(stat[i], CultureInfo.InvariantCulture));

    /// <summary>The fields of /proc/PID/stat after the command name: [0] state, [1] ppid, ... [11..14] CPU times.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }
}
