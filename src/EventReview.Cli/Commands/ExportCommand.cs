using System.CommandLine;
using EventReview.Audit;

namespace EventReview.Cli.Commands;

public static class ExportCommand
{
    public static Command Create()
    {
        var review = new Option<Guid>("--review") { Description = "The review to export.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "The NDJSON file to write.", Required = true };
        var command = new Command("export", "Write the review's complete, hash-chained event log as NDJSON.") { review, output };
        command.SetAction(async (parse, ct) =>
        {
            var reviewId = parse.GetValue(review);
            var path = parse.GetValue(output)!.FullName;
            var count = await CliDatabase.WithDataSourceAsync(async db =>
            {
                await using var writer = new StreamWriter(path);
                return await LogExport.WriteAsync(db, reviewId, writer, ct);
            });
            if (count == 0)
            {
                File.Delete(path);
                throw new InvalidOperationException($"Review {reviewId} has no events in this database.");
            }
            Console.WriteLine($"{{\"review\":\"{reviewId}\",\"events\":{count},\"file\":\"{path.Replace("\\", "\\\\", StringComparison.Ordinal)}\"}}");
            return 0;
        });
        return command;
    }
}
