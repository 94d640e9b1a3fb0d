using System.CommandLine;
using EventReview.Audit;

namespace EventReview.Cli.Commands;

public static class ProveCommand
{
    public static Command Create()
    {
        var review = new Option<Guid>("--review") { Description = "The review whose log the proof is for (the tree covers the whole database).", Required = true };
        var checkpoint = new Option<FileInfo>("--checkpoint") { Description = "An older signed tree head kept elsewhere.", Required = true };
        var command = new Command("prove",
            "Print an RFC 9162 consistency proof from a checkpoint's tree head to the newest one; exit 3 if the log no longer contains it.")
        {
            review, checkpoint,
        };
        command.SetAction(async (parse, ct) =>
        {
            var old = CheckpointFiles.Load(parse.GetValue(checkpoint)!);
            var reviewId = parse.GetValue(review);
            var proof = await CliDatabase.WithDataSourceAsync(async db =>
            {
                if (!await EventLog.StreamExistsAsync(db, reviewId, ct)) throw new InvalidOperationException($"No review {reviewId} in this database.");
                var current = await SealStore.NewestTreeHeadAsync(db, ct)
                    ?? throw new InvalidOperationException("No tree head has been signed yet.");
                var log = (await SealStore.NewestBlockAsync(db, ct))?.Log;
                if (old.Log != log) throw new AuditFormatException($"The checkpoint is of another log ({old.Log}); this database's log is {log}.");
                return await SealedTree.ProveConsistencyAsync(db, old, current, ct);
            });
            CliOutput.Json(proof);
            if (!proof.Consistent) Console.Error.WriteLine("eventreview: the newest tree does not contain the checkpoint's tree: the log was rewritten.");
            return proof.Consistent ? 0 : 3;
        });
        return command;
    }
}
