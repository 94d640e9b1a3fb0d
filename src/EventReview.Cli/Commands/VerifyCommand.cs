using System.CommandLine;
using System.Security.Cryptography;
using EventReview.Audit;

namespace EventReview.Cli.Commands;

public static class VerifyCommand
{
    public static Command Create()
    {
        var review = new Option<Guid?>("--review") { Description = "Check one review's log; without it, every event in the store." };
        var checkpoint = new Option<FileInfo?>("--checkpoint") { Description = "A checkpoint the log must still extend." };
        var publicKey = new Option<FileInfo?>("--public-key") { Description = "PEM public key that must have signed the checkpoint." };
        var command = new Command("verify", "Recompute every hash of the event log; exit 0 only if it is intact.") { review, checkpoint, publicKey };
        command.SetAction(async (parse, ct) =>
        {
            var point = LoadCheckpoint(parse.GetValue(checkpoint), parse.GetValue(publicKey));
            var reviewId = parse.GetValue(review) ?? (point is null ? null : Guid.Parse(point.ReviewId));
            var report = await CliDatabase.WithDataSourceAsync(db => Task.FromResult(EventLog.Verify(db, reviewId, point)));
            CliOutput.Json(report);
            if (!report.Intact) Console.Error.WriteLine("eventreview: the log is not intact: " + report.FirstFailure?.Message);
            return report.Intact ? 0 : 3;
        });
        return command;
    }

    private static Checkpoint? LoadCheckpoint(FileInfo? file, FileInfo? publicKey)
    {
        if (file is null) return null;
        if (!file.Exists) throw new FileNotFoundException($"No such checkpoint file: {file.FullName}");
        var checkpoint = Checkpoint.Parse(File.ReadAllText(file.FullName));
        if (publicKey is null) return checkpoint;
        using var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(publicKey.FullName));
        if (!CheckpointSigner.Verify(checkpoint, key))
            throw new InvalidOperationException("The checkpoint's signature does not verify with the given public key.");
        return checkpoint;
    }
}
