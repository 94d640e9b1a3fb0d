using System.CommandLine;
using EventReview.Audit;

namespace EventReview.Cli.Commands;

public static class CheckpointCommand
{
    public static Command Create()
    {
        var output = new Option<FileInfo>("--out") { Description = "Where to write the checkpoint JSON.", Required = true };
        var command = new Command("checkpoint",
            "Write the newest signed tree head, a checkpoint to keep elsewhere for a later `verify --checkpoint` or `prove`.") { output };
        command.SetAction(async (parse, ct) =>
        {
            var head = await CliDatabase.WithDataSourceAsync(db => SealStore.NewestTreeHeadAsync(db, ct))
                ?? throw new InvalidOperationException("No tree head has been signed yet: the sealer signs one a few seconds after the first events.");
            await File.WriteAllTextAsync(parse.GetValue(output)!.FullName, head.ToJson(), ct);
            Console.WriteLine($"{{\"size\":{head.Size},\"root\":\"{head.Root}\"}}");
            return 0;
        });
        return command;
    }
}
