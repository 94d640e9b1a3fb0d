using System.Diagnostics;

namespace EventReview.Tests.Infrastructure;

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Runs the real `eventreview` executable in its own process, with its own environment.</summary>
public static class CliProcess
{
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "eventreview.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>No configured database: the CLI starts or joins the embedded cluster in <paramref name="dataDirectory"/>.</summary>
    public static Dictionary<string, string> Embedded(string dataDirectory) => new()
    {
        ["EventReview__DataDirectory"] = dataDirectory,
        ["EventReview__Auth__SigningKey"] = AppFixture.SigningKey,
        ["EventReview__Audit__SealKey"] = AppFixture.SealKeyPem,
        ["EventReview__Audit__CheckpointDirectory"] = Path.Combine(dataDirectory, "checkpoints"),
        ["EventReview__LoadSeedOnFirstStart"] = "false",
    };

    /// <summary>The environment that points the CLI at a test database and the tests' signing key.</summary>
    public static Dictionary<string, string> For(string connectionString) => new()
    {
        ["ConnectionStrings__EventReview"] = connectionString,
        ["EventReview__Auth__SigningKey"] = AppFixture.SigningKey,
        ["EventReview__Audit__SealKey"] = AppFixture.SealKeyPem,
        ["EventReview__Audit__CheckpointDirectory"] = AppFixture.CheckpointDirectoryFor(connectionString),
        ["EventReview__LoadSeedOnFirstStart"] = "false",
    };
}
