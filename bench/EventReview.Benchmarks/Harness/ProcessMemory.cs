namespace EventReview.Benchmarks.Harness;

/// <summary>Peak resident memory of this process, from Linux's high-water mark (VmHWM), which can be reset.</summary>
public static class ProcessMemory
{
    /// <summary>Starts a new high-water mark, so the next reading covers only what follows (Linux 4.0+).</summary>
    public static void ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Without the reset the peak covers the whole process, which is still an upper bound.
        }
    }

    /// <summary>Bytes; falls back to .NET's lifetime peak where /proc is missing.</summary>
    public static long PeakBytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                var kb = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                return kb * 1024;
            }
        }
        catch (IOException)
        {
        }
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.PeakWorkingSet64;
    }
}
