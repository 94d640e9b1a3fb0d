namespace EventReview.Hosting;

/// <summary>
/// Who uses the embedded cluster: one file per process in the data directory, held open under an exclusive OS lock
/// (flock on Unix) for as long as the process uses the cluster. The kernel drops the lock when a process dies, even by
/// kill -9, so a file whose lock can be taken belongs to nobody: it is ignored and removed. A gate file, locked the
/// same way, makes "start or join" and "leave and maybe stop" one step each, so a process never joins a cluster that
/// another is stopping.
/// </summary>
public sealed class ClusterUsers
{
    private const string Extension = ".lock";
    private static readonly TimeSpan GateWait = TimeSpan.FromSeconds(120);

    private readonly string _directory;

    public ClusterUsers(string dataDirectory)
    {
        _directory = Path.Combine(dataDirectory, "postgres-users");
    }

    private string GatePath => Path.Combine(_directory, "gate");

    /// <summary>Waits for the gate (another process may be starting or stopping the cluster) and holds it until disposed.</summary>
    public async Task<IDisposable> EnterGateAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(_directory);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (TryLock(GatePath, create: true) is { } gate) return gate;
            if (clock.Elapsed > GateWait)
                throw new InvalidOperationException(
                    $"Another eventreview process has held {GatePath} for over {GateWait.TotalSeconds:0} s while starting or stopping the embedded PostgreSQL.");
            await Task.Delay(50, ct);
        }
    }

    /// <summary>Registers this process as a user; the returned stream holds the lock until disposed.</summary>
    public FileStream Join()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, $"{Environment.ProcessId}-{Guid.NewGuid():N}{Extension}");
        return TryLock(path, create: true) ?? throw new InvalidOperationException($"Could not lock {path}.");
    }

    /// <summary>Leaves: releases and removes this process's file.</summary>
    public static void Leave(FileStream own)
    {
        var path = own.Name;
        own.Dispose();
        File.Delete(path);
    }

    /// <summary>Counts the processes still holding their file; files of processes that died are removed on the way.</summary>
    public int InUse()
    {
        if (!Directory.Exists(_directory)) return 0;
        var users = 0;
        foreach (var path in Directory.EnumerateFiles(_directory, "*" + Extension))
        {
            using var stale = TryLock(path, create: false);
            if (stale is null)
            {
                // Held by a live process, or removed by another process between listing and opening.
                if (File.Exists(path)) users++;
                continue;
            }
            File.Delete(path);
        }
        return users;
    }

    private static FileStream? TryLock(string path, bool create)
    {
        try
        {
            return new FileStream(path, create ? FileMode.OpenOrCreate : FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
