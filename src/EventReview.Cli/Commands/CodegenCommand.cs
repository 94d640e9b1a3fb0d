using System.CommandLine;
using EventReview.Hosting;

namespace EventReview.Cli.Commands;

/// <summary>
/// `codegen write` regenerates Wolverine's endpoint and handler code into src/EventReview.Api/Internal/Generated;
/// `codegen check` exits 1 naming every stale file. Neither needs a database.
/// </summary>
public static class CodegenCommand
{
    public static Command Create()
    {
        var folder = new Option<string?>("--folder")
        {
            Description = $"The generated-code folder (default: src/EventReview.Api/{GeneratedCode.Folder} of the checkout containing the working directory).",
        };
        var write = new Command("write", "Regenerate the code and replace the committed files that differ.") { folder };
        write.SetAction(async (parse, _) =>
        {
            var target = Target(parse.GetValue(folder));
            var changed = GeneratedCode.Write(target, await GeneratedCode.GenerateAsync());
            foreach (var path in changed) Console.WriteLine("wrote " + Path.Combine(target, path));
            Console.WriteLine(changed.Count == 0 ? "generated code is up to date" : $"{changed.Count} file(s) changed; rebuild to compile them in");
            return 0;
        });
        var check = new Command("check", "Exit 1, naming the files, when the committed code differs from what the application generates.") { folder };
        check.SetAction(async (parse, _) =>
        {
            var target = Target(parse.GetValue(folder));
            var stale = GeneratedCode.Compare(await GeneratedCode.GenerateAsync(), GeneratedCode.Read(target));
            foreach (var path in stale) await Console.Error.WriteLineAsync("stale: " + Path.Combine(target, path));
            if (stale.Count == 0) Console.WriteLine("generated code is up to date");
            else await Console.Error.WriteLineAsync($"eventreview: {stale.Count} generated file(s) are stale; {GeneratedCode.RegenerateHint}");
            return stale.Count == 0 ? 0 : 1;
        });
        return new Command("codegen", "Pre-generated Wolverine code, compiled into the API so no start-up compiles C#.") { write, check };
    }

    private static string Target(string? folder) =>
        folder ?? GeneratedCode.FindCommittedFolder(Directory.GetCurrentDirectory())
        ?? throw new InvalidOperationException($"no src/EventReview.Api above {Directory.GetCurrentDirectory()}; run from the checkout or pass --folder");
}
