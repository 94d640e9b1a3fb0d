using System.Diagnostics;
using Npgsql;

namespace EventReview.Hosting;

/// <summary>
/// A private PostgreSQL cluster in the data directory, used when no connection string is configured.
/// It listens only on a Unix socket inside that directory, so it never collides with another server's port.
/// Several eventreview processes share it: each joins <see cref="ClusterUsers"/>, and the last one to leave stops a
/// cluster that an eventreview process started (one started by hand is left running).
/// </summary>
public sealed class EmbeddedPostgres
{
    public const string DatabaseName = "eventreview";

    private readonly string _binDirectory;
    private readonly string _clusterDirectory;
    private readonly bool _asPostgresUser;
    private readonly ClusterUsers _users;
    private FileStream? _membership;

    private EmbeddedPostgres(string binDirectory, string dataDirectory)
    {
        _binDirectory = binDirectory;
        _clusterDirectory = Path.Combine(dataDirectory, "postgres");
        _users = new ClusterUsers(dataDirectory);
        // initdb refuses to run as root, so a root process runs the server as the postgres user.
        _asPostgresUser = Environment.IsPrivilegedProcess;
    }

    internal string DataPath => Path.Combine(_clusterDirectory, "data");

    internal bool AsPostgresUser => _asPostgresUser;

    internal ClusterUsers Users => _users;

    /// <summary>The cluster of a data directory, neither started nor joined: for backup and restore.</summary>
    internal static EmbeddedPostgres Open(string dataDirectory) => new(RequireBinaries(), dataDirectory);
    internal string SocketDirectory => _clusterDirectory;

    /// <summary>Present while the running server was started by an eventreview process, which lets the last user stop it.</summary>
    private string StartedMarker => Path.Combine(_clusterDirectory, "started-by-eventreview");

    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = SocketDirectory,
        Username = "postgres",
        Database = DatabaseName,
    }.ConnectionString;

    /// <summary>Initialises the cluster if needed, starts it unless already running, and creates the database.</summary>
    public static async Task<EmbeddedPostgres> StartAsync(string dataDirectory, CancellationToken ct = default)
    {
        var pg = new EmbeddedPostgres(RequireBinaries(), dataDirectory);
        using (await pg._users.EnterGateAsync(ct))
        {
            await pg.StartClusterAsync(ct);
            pg._membership = pg._users.Join();
        }
        try
        {
            await pg.EnsureDatabaseAsync(ct);
        }
        catch
        {
            await pg.ReleaseAsync();
            throw;
        }
        return pg;
    }

    /// <summary>
    /// Leaves the cluster; stops it if no other eventreview process uses it and an eventreview process started it.
    /// Safe to call more than once.
    /// </summary>
    public async Task ReleaseAsync()
    {
        if (_membership is null) return;
        using (await _users.EnterGateAsync(CancellationToken.None))
        {
            ClusterUsers.Leave(_membership);
            _membership = null;
            if (_users.InUse() > 0 || !File.Exists(StartedMarker)) return;
            await RunAsync("pg_ctl", ["-D", DataPath, "-m", "fast", "-w", "stop"], CancellationToken.None, allowFailure: true);
            File.Delete(StartedMarker);
        }
    }

    /// <summary>Whether the server is running (pg_ctl status).</summary>
    public async Task<bool> IsRunningAsync(CancellationToken ct) =>
        await RunAsync("pg_ctl", ["-D", DataPath, "status"], ct, allowFailure: true) == 0;

    /// <summary>Starts the server again after it died; a no-op if another process already did.</summary>
    public async Task RestartAsync(CancellationToken ct)
    {
        using (await _users.EnterGateAsync(ct)) await StartClusterAsync(ct);
    }

    private async Task StartClusterAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(_clusterDirectory);
        if (_asPostgresUser) await RunRawAsync("chown", ["-R", "postgres:postgres", _clusterDirectory], ct);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_clusterDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        if (_asPostgresUser && await RunRawAsync("runuser", ["-u", "postgres", "--", "test", "-x", _clusterDirectory], ct, allowFailure: true) != 0)
            throw new InvalidOperationException(
                $"the postgres user cannot reach {Path.GetDirectoryName(_clusterDirectory)} (the embedded PostgreSQL runs as postgres when " +
                "eventreview runs as root): open its parent directories to it, or set EventReview__DataDirectory to a directory it can reach.");

        if (!File.Exists(Path.Combine(DataPath, "PG_VERSION")))
        {
            await RunAsync("initdb", ["-D", DataPath, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], ct);
        }

        if (await IsRunningAsync(ct)) return;
        await File.WriteAllTextAsync(StartedMarker, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);

        var options = $"-c listen_addresses='' -k {SocketDirectory} -c unix_socket_permissions=0700 -c fsync=on";
        await RunAsync("pg_ctl",
            ["-D", DataPath, "-l", Path.Combine(_clusterDirectory, "server.log"), "-w", "-t", "60", "-o", options, "start"], ct);
    }

    private async Task EnsureDatabaseAsync(CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres" }.ConnectionString;
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @name", conn);
        exists.Parameters.AddWithValue("name", DatabaseName);
        if (await exists.ExecuteScalarAsync(ct) is not null) return;
        await using var create = new NpgsqlCommand($"create database {DatabaseName}", conn);
        await create.ExecuteNonQueryAsync(ct);
    }

    private static string RequireBinaries() => FindBinaries()
        ?? throw new InvalidOperationException(
            "No PostgreSQL server binaries (initdb, pg_ctl) were found. Install PostgreSQL 15 or later " +
            "(Debian: apt-get install postgresql) or configure ConnectionStrings:EventReview.");

    private static string? FindBinaries()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")));
        // A link on PATH (/usr/local/bin/initdb) is followed to the installation's own bin directory, which also holds
        // pg_basebackup and pg_verifybackup of the same version.
        if (onPath is not null)
            return Path.GetDirectoryName(new FileInfo(Path.Combine(onPath, "initdb")).ResolveLinkTarget(returnFinalTarget: true)?.FullName) ?? onPath;

        const string debianRoot = "/usr/lib/postgresql";
        if (!Directory.Exists(debianRoot)) return null;
        return Directory.GetDirectories(debianRoot)
            .Select(dir => Path.Combine(dir, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
            .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : 0)
            .FirstOrDefault();
    }

    internal Task<int> RunAsync(string tool, IReadOnlyList<string> args, CancellationToken ct, bool allowFailure = false)
    {
        var exe = Path.Combine(_binDirectory, tool);
        return _asPostgresUser
            ? RunRawAsync("runuser", ["-u", "postgres", "--", exe, .. args], ct, allowFailure)
            : RunRawAsync(exe, args, ct, allowFailure);
    }

    internal static async Task<int> RunRawAsync(string exe, IReadOnlyList<string> args, CancellationToken ct, bool allowFailure = false)
    {
        var info = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {exe}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0 && !allowFailure)
        {
            var detail = ((await stderr).Trim() is { Length: > 0 } err ? err : (await stdout).Trim()).ReplaceLineEndings(" ");
            throw new InvalidOperationException($"{Path.GetFileName(exe)} {string.Join(' ', args)} failed: {detail}");
        }
        return process.ExitCode;
    }
}
