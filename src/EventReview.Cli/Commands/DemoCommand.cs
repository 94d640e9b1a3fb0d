using System.CommandLine;
using EventReview.Seed;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EventReview.Cli.Commands;

public static class DemoCommand
{
    public static Command Create()
    {
        var labelled = new Option<FileInfo?>("--labelled")
        {
            Description = "Also replay a labelled screening dataset (CSV: record_id, title, abstract, label_included, "
                + "label_abstract_screening, duplicate_record_id) as a second review, and print its id on a second line.",
        };
        var errorRate = new Option<double>("--error-rate")
        {
            Description = "With --labelled: the share of records on which each simulated screener votes against the label.",
            DefaultValueFactory = _ => ReplayOptions.Default.ErrorRate,
        };
        var command = new Command("demo", "Load the seed review (Amin et al. 2025, Cureus) if it is absent, and print its id.") { labelled, errorRate };
        command.SetAction(async (parse, ct) =>
        {
            var dataset = parse.GetValue(labelled);
            if (dataset is { Exists: false }) throw new FileNotFoundException($"No such file: {dataset.FullName}");
            var ids = await CliDatabase.WithAppAsync(async services =>
            {
                var store = services.GetRequiredService<IDocumentStore>();
                var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("EventReview.Seed");
                var seed = await SeedLoader.LoadAsync(store, logger, ct);
                await Console.Error.WriteLineAsync(seed.AlreadyLoaded
                    ? "The seed review is already loaded."
                    : $"Loaded the seed review: {seed.EventsAppended} events in {seed.Elapsed.TotalSeconds:0.0} s.");
                if (dataset is null) return new[] { seed.ReviewId };

                var replayId = LabelledReplay.ReviewIdFor(dataset.FullName);
                var replay = await LabelledReplay.RunAsync(store, replayId, dataset.FullName,
                    ReplayOptions.Default with { ErrorRate = parse.GetValue(errorRate) }, logger, ct);
                await Console.Error.WriteLineAsync($"Replayed {replay.Records} labelled records: {replay.EventsAppended} events in {replay.Elapsed.TotalSeconds:0.0} s.");
                return new[] { seed.ReviewId, replay.ReviewId };
            });
            foreach (var id in ids) Console.WriteLine(id);
            return 0;
        });
        return command;
    }
}
