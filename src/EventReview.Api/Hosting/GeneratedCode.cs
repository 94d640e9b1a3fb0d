using System.Security.Cryptography;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EventReview.Hosting;

/// <summary>
/// Wolverine's endpoint and handler code, generated ahead of time and compiled into this assembly
/// (TypeLoadMode.Static), so no host compiles C# at start-up. Stale code fails quietly (a new endpoint class
/// is simply missing), hence <see cref="Compare"/>: `eventreview codegen check` and a test run it.
/// </summary>
public static class GeneratedCode
{
    /// <summary>Where the generated files live, relative to the API project.</summary>
    public const string Folder = "Internal/Generated";

    public const string RegenerateHint = "run `dotnet run --project src/EventReview.Cli -p:SkipGeneratedCode=true -- codegen write`";

    /// <summary>The committed folder of a source checkout: found by walking up from <paramref name="start"/>.</summary>
    public static string? FindCommittedFolder(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var api = Path.Combine(directory.FullName, "src", "EventReview.Api");
            if (File.Exists(Path.Combine(api, "EventReview.Api.csproj"))) return Path.Combine(api, Folder);
        }
        return null;
    }

    /// <summary>
    /// Generates every file as the application would need it, keyed by path relative to the generated folder.
    /// Builds the application and maps its routes but never starts it: no database is opened, so the
    /// connection string is a placeholder and the keys and directories are scratch ones.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> GenerateAsync()
    {
        var scratch = Directory.CreateTempSubdirectory("eventreview-codegen-");
        try
        {
            // Tells Wolverine to discover every endpoint afresh instead of reading the committed registry.
            DynamicCodeBuilder.WithinCodegenCommand = true;
            var builder = await EventReviewApp.CreateBuilderAsync([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:" + EventReviewApp.ConnectionStringName] = "Host=127.0.0.1;Port=1;Username=codegen;Database=codegen",
                ["EventReview:DataDirectory"] = Path.Combine(scratch.FullName, "data"),
                // A configured database needs configured keys; these are thrown away with the scratch directory.
                ["EventReview:Auth:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                ["EventReview:Audit:SealKey"] = Audit.SealKey.NewPem(),
                ["EventReview:Audit:CheckpointDirectory"] = Path.Combine(scratch.FullName, "checkpoints"),
                ["EventReview:LoadSeedOnFirstStart"] = "false",
                ["Serilog:MinimumLevel:Default"] = "Warning",
            }));
            await using var app = builder.Build();
            EventReviewApp.Configure(app);
            var collections = app.Services.GetServices<ICodeFileCollection>().ToArray();
            var output = Path.Combine(scratch.FullName, "out");
            foreach (var collection in collections) collection.Rules.GeneratedCodeOutputPath = output;
            new DynamicCodeBuilder(app.Services, collections) { ServiceVariableSource = app.Services.GetService<IServiceVariableSource>() }
                .WriteGeneratedCode(_ => { });
            return Read(output);
        }
        finally
        {
            DynamicCodeBuilder.WithinCodegenCommand = false;
            scratch.Delete(recursive: true);
        }
    }

    /// <summary>Every .cs file under <paramref name="folder"/>, keyed by relative path with '/' separators.</summary>
    public static IReadOnlyDictionary<string, string> Read(string folder) => !Directory.Exists(folder)
        ? new Dictionary<string, string>()
        : Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllText, StringComparer.Ordinal);

    /// <summary>The relative paths that differ: changed, missing from <paramref name="committed"/>, or no longer generated.</summary>
    public static IReadOnlyList<string> Compare(IReadOnlyDictionary<string, string> generated, IReadOnlyDictionary<string, string> committed) =>
        [.. generated.Keys.Union(committed.Keys)
            .Where(path => !generated.TryGetValue(path, out var want) || !committed.TryGetValue(path, out var have) || want != have)
            .Order(StringComparer.Ordinal)];

    /// <summary>Replaces the folder's .cs files with <paramref name="generated"/>; returns the paths that changed.</summary>
    public static IReadOnlyList<string> Write(string folder, IReadOnlyDictionary<string, string> generated)
    {
        var stale = Compare(generated, Read(folder));
        foreach (var path in stale)
        {
            var file = Path.Combine(folder, path);
            if (generated.TryGetValue(path, out var code))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.WriteAllText(file, code);
            }
            else File.Delete(file);
        }
        return stale;
    }
}
