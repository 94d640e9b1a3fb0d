using System.CommandLine;
using EventReview.DecisionImports;
using EventReview.Identity;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace EventReview.Cli.Commands;

/// <summary>The decision import of POST /api/decision-imports, from a file, with the lead named on the command line.</summary>
public static class ImportDecisionsCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A Rayyan export zip, an ASReview project file or an ASReview labelled CSV." };
        var format = new Option<DecisionFormat>("--format") { Description = "rayyan or asreview.", Required = true };
        var lead = new Option<string>("--lead") { Description = "The user id of the review's lead.", DefaultValueFactory = _ => "eventreview-cli" };
        var command = new Command("import-decisions", "Create a review from the screening decisions another tool exported.") { file, format, lead };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) throw new FileNotFoundException($"No such file: {path.FullName}");
            var bytes = await File.ReadAllBytesAsync(path.FullName, ct);
            var by = new Actor(parse.GetValue(lead)!, parse.GetValue(lead)!);
            try
            {
                var summary = await CliDatabase.WithAppAsync(services => DecisionImporter.ImportAsync(
                    services.GetRequiredService<IDocumentStore>(), parse.GetValue(format), bytes, path.Name, by, "cli-import-decisions", null, ct));
                CliOutput.Json(summary);
                return 0;
            }
            catch (DecisionSourceException e)
            {
                CliOutput.Json(new { imported = false, errors = e.Errors });
                return 1;
            }
        });
        return command;
    }
}
