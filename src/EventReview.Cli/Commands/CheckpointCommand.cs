using System.CommandLine;
using System.Security.Cryptography;
using EventReview.Audit;

namespace EventReview.Cli.Commands;

public static class CheckpointCommand
{
    public static Command Create()
    {
        var review = new Option<Guid>("--review") { Description = "The review to checkpoint.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the checkpoint JSON.", Required = true };
        var signKey = new Option<FileInfo?>("--sign-key") { Description = "PEM P-256 private key, kept outside the database." };
        var command = new Command("checkpoint", "Write the review's chain head and event count, optionally signed, for a later verify.")
        {
            review, output, signKey,
        };
        command.SetAction(async (parse, ct) =>
        {
            var reviewId = parse.GetValue(review);
            var report = await CliDatabase.WithDataSourceAsync(db => Task.FromResult(EventLog.Verify(db, reviewId)));
            if (!report.Intact) throw new InvalidOperationException("The log is not intact; no checkpoint written: " + report.FirstFailure?.Message);
            var checkpoint = Checkpoint.Of(reviewId.ToString("D"), report, DateTimeOffset.UtcNow);
            if (parse.GetValue(signKey) is { } keyFile)
            {
                using var key = ECDsa.Create();
                key.ImportFromPem(await File.ReadAllTextAsync(keyFile.FullName, ct));
                checkpoint = CheckpointSigner.Sign(checkpoint, key);
            }
            await File.WriteAllTextAsync(parse.GetValue(output)!.FullName, checkpoint.ToJson(), ct);
            Console.WriteLine($"{{\"review\":\"{reviewId}\",\"count\":{checkpoint.Count},\"head\":\"{checkpoint.Head}\"}}");
            return 0;
        });
        return command;
    }
}
