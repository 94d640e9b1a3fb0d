using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EventReview.Tests.Infrastructure;

namespace EventReview.Tests.Faults;

/// <summary>
/// The real `eventreview serve` in a child process, on a loopback port of its own, so a test can kill it with
/// SIGKILL or pull its database away. Its log lines are kept for assertions.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        // A test run that is itself stopped still takes its servers with it.
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
    }

    public Uri Address { get; }

    public IReadOnlyCollection<string> Log => _log;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// The most resident memory the server has held since it started (VmHWM from /proc), in bytes; the process is the
    /// runtime itself, since `dotnet eventreview.dll` hosts it in-process.
    /// </summary>
    public long PeakResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Starts the server against <paramref name="connectionString"/> and waits until /health/ready answers 200.</summary>
    public static Task<ServerProcess> StartAsync(string connectionString, TimeSpan readyWithin)
    {
        var environment = CliProcess.For(connectionString);
        environment["EventReview__DataDirectory"] = Path.Combine(Path.GetTempPath(), "eventreview-faults", Guid.NewGuid().ToString("N"));
        return StartAsync(environment, readyWithin, FreePort());
    }

    /// <summary>Starts the server with exactly this environment (for example the embedded database in a data directory).</summary>
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string> environment, TimeSpan readyWithin, int port)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "eventreview.dll"));
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (key, value) in environment) info.Environment[key] = value;
        // Information: the one-line-per-request log is what the assertions read.
        info.Environment["Serilog__MinimumLevel__Default"] = "Information";

        var process = new Process { StartInfo = info };
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) server._log.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) server._log.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilReadyAsync(readyWithin);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Polls /health/ready until it answers 200; fails with the server's log if it exits or the time runs out.</summary>
    public async Task<TimeSpan> WaitUntilReadyAsync(TimeSpan within)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The server exited with {_process.ExitCode} before it was ready:\n{Tail()}");
            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK) return clock.Elapsed;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The server was not ready within {within}:\n{Tail()}");
    }

    /// <summary>SIGKILL: the process gets no chance to finish a request, flush or roll anything back itself.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>
    /// Asks the server to shut down (SIGTERM) and kills it only if it has not within 20 s. A server on an embedded
    /// cluster stops the cluster as it leaves, being its last user; a kill would leave the cluster running, since
    /// pg_ctl started it outside the server's process tree.
    /// </summary>
    private async Task StopAsync()
    {
        if (_process.HasExited) return;
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await term.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    public string Tail(int lines = 60) => string.Join('\n', _log.TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        _process.Dispose();
    }

    private void KillOnExit(object? sender, EventArgs e)
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }
    }

    /// <summary>A loopback port free right now (another process could still take it before it is bound).</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
