using System.Diagnostics;
using Npgsql;

namespace EventReview.Tests.Faults;

/// <summary>
/// A PostgreSQL cluster that belongs to one test, so the test can stop and start it without touching the server
/// every other test uses. Set up as ops/cluster.sh does (run as the postgres user when we are root), on a port
/// and directory of its own.
/// </summary>
public sealed class PrivateCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _directory;

    private PrivateCluster(string bin, string directory, int port)
    {
        _bin = bin;
        _directory = directory;
        Port = port;
        // A test run that is itself stopped still stops its cluster.
        AppDomain.CurrentDomain.ProcessExit += StopOnExit;
    }

    public int Port { get; }

    private string DataPath => Path.Combine(_directory, "data");

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
    }.ConnectionString;

    public static async Task<PrivateCluster> StartAsync(string database)
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException("No PostgreSQL binaries (initdb, pg_ctl) found.");
        var directory = Path.Combine(Path.GetTempPath(), "eventreview-fault-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var cluster = new PrivateCluster(bin, directory, ServerProcess.FreePort());
        try
        {
            if (Environment.IsPrivilegedProcess) await RunAsync("chown", ["postgres:postgres", directory]);
            await cluster.PgAsync("initdb", "-D", cluster.DataPath, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
            await cluster.StartAgainAsync();
            await using var conn = new NpgsqlConnection(cluster.ConnectionString("postgres"));
            await conn.OpenAsync();
            await using var create = new NpgsqlCommand($"create database \"{database}\"", conn);
            await create.ExecuteNonQueryAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// fsync is off (test data on a throwaway cluster) but synchronous_commit stays on: a commit is acknowledged
    /// only once its WAL is written, so a stopped or crashed server keeps every acknowledged transaction.
    /// </summary>
    public Task StartAgainAsync() => PgAsync("pg_ctl", "-D", DataPath, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60",
        "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -k {_directory} -c fsync=off -c synchronous_commit=on -c max_connections=200",
        "start");

    /// <summary>Stops the server: "fast" ends every session with an error, "immediate" is a crash (recovery runs at the next start).</summary>
    public Task StopAsync(string mode) => PgAsync("pg_ctl", "-D", DataPath, "-m", mode, "-w", "-t", "60", "stop");

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= StopOnExit;
        try
        {
            if (File.Exists(Path.Combine(DataPath, "postmaster.pid"))) await StopAsync("immediate");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temporary directory's cleanup.
        }
    }

    private void StopOnExit(object? sender, EventArgs e)
    {
        try
        {
            StopAsync("immediate").Wait(TimeSpan.FromSeconds(20));
        }
        catch (AggregateException)
        {
            // Already stopped.
        }
    }

    private Task PgAsync(string tool, params string[] args) =>
        Environment.IsPrivilegedProcess
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args])
            : RunAsync(Path.Combine(_bin, tool), args);

    private static async Task RunAsync(string exe, IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {exe}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{exe} {string.Join(' ', args)} failed: {await stderr}{await stdout}");
    }

    private static string? FindBinaries()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")));
        if (onPath is not null) return onPath;
        const string debian = "/usr/lib/postgresql";
        return !Directory.Exists(debian) ? null : Directory.GetDirectories(debian)
            .Select(dir => Path.Combine(dir, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "pg_ctl")))
            .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : 0)
            .FirstOrDefault();
    }
}
