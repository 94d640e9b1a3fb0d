using System.CommandLine;
using EventReview.Rebuild;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace EventReview.Cli.Commands;

public static class RebuildCommand
{
    public static Command Create()
    {
        var command = new Command("rebuild", "Rebuild every projection from the events; print each projection's fingerprint before and after.");
        command.SetAction(async (parse, ct) =>
        {
            var report = await CliDatabase.WithAppAsync(services =>
                ProjectionRebuilder.RebuildAllAsync(services.GetRequiredService<IDocumentStore>(), CliDatabase.DataSource(services), ct));
            CliOutput.Json(report);
            if (!report.Identical) Console.Error.WriteLine("eventreview: a projection's fingerprint changed in the rebuild");
            return report.Identical ? 0 : 4;
        });
        return command;
    }
}
