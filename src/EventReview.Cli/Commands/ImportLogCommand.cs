using System.CommandLine;
using EventReview.Audit;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace EventReview.Cli.Commands;

public static class ImportLogCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "An exported NDJSON event log." };
        var command = new Command("import-log", "Verify an exported log and replay it into the configured database.") { file };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) throw new FileNotFoundException($"No such file: {path.FullName}");
            var report = await CliDatabase.WithAppAsync(services =>
                LogImport.ImportAsync(services.GetRequiredService<IDocumentStore>(), CliDatabase.DataSource(services), path.FullName, ct));
            CliOutput.Json(report);
            return 0;
        });
        return command;
    }
}
