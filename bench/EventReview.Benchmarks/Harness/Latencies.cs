using System.Diagnostics;

namespace EventReview.Benchmarks.Harness;

/// <summary>Request latencies in Stopwatch ticks, and their percentiles in milliseconds (nearest rank).</summary>
public sealed class Latencies
{
    private readonly List<long> _ticks = [];

    public int Count => _ticks.Count;

    public void Add(long ticks) => _ticks.Add(ticks);

    public static Latencies Merge(IEnumerable<Latencies> parts)
    {
        var all = new Latencies();
        foreach (var part in parts) all._ticks.AddRange(part._ticks);
        all._ticks.Sort();
        return all;
    }

    /// <summary>Only valid on a merged (sorted) set.</summary>
    public double PercentileMs(double p)
    {
        if (_ticks.Count == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100.0 * _ticks.Count);
        return _ticks[Math.Clamp(rank - 1, 0, _ticks.Count - 1)] * 1000.0 / Stopwatch.Frequency;
    }
}

/// <summary>
/// CPU time used by the whole machine and by this process over an interval, from /proc, and the time this process's
/// JIT spent compiling in it (which shows whether a warm-up was long enough for the code to reach its final tier).
/// </summary>
public sealed class CpuMeter
{
    private readonly (long Busy, long Total) _machine = Machine();
    private readonly TimeSpan _process = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
    private readonly TimeSpan _jit = System.Runtime.JitInfo.GetCompilationTime();
    private readonly long _started = Stopwatch.GetTimestamp();

    /// <summary>(share of all cores busy, cores used by this process, share of the interval the JIT spent compiling).</summary>
    public (double MachineBusy, double ProcessCores, double Jit) Stop()
    {
        var (busy, total) = Machine();
        var seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var process = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - _process;
        var jit = System.Runtime.JitInfo.GetCompilationTime() - _jit;
        var machine = total == _machine.Total ? double.NaN : (double)(busy - _machine.Busy) / (total - _machine.Total);
        return (machine, process.TotalSeconds / seconds, jit.TotalSeconds / seconds);
    }

    private static (long Busy, long Total) Machine()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
                .Select(f => long.Parse(f, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);
            var total = fields.Take(8).Sum();
            return (total - idle, total);
        }
        catch (IOException)
        {
            return (0, 0);
        }
    }
}
