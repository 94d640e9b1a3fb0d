using System.CommandLine;
using EventReview.Audit;
using EventReview.Hosting;

namespace EventReview.Cli.Commands;

/// <summary>`backup --out DIR` and `restore DIR`: the embedded database, with PostgreSQL's own tools.</summary>
public static class BackupCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "An empty or new directory to write the backup to.", Required = true };
        var command = new Command("backup",
            "Copy the embedded database while it serves (pg_basebackup), with the checkpoint files and the public seal key; the private keys stay out.")
        {
            output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var (options, dataDirectory) = EmbeddedOnly("backup");
            CliOutput.Json(await EmbeddedBackup.BackupAsync(dataDirectory, CheckpointDirectory.For(options.Audit, dataDirectory).Path,
                parse.GetValue(output)!.FullName, ct));
            return 0;
        });
        return command;
    }

    public static Command CreateRestore()
    {
        var from = new Argument<DirectoryInfo>("DIR") { Description = "A directory written by `eventreview backup`." };
        var force = new Option<bool>("--force") { Description = "Restore over an existing database, which is moved aside (kept, not deleted)." };
        var command = new Command("restore", "Restore a backup into the data directory's embedded database, which must not be running.") { from, force };
        command.SetAction(async (parse, ct) =>
        {
            var (options, dataDirectory) = EmbeddedOnly("restore");
            CliOutput.Json(await EmbeddedBackup.RestoreAsync(parse.GetValue(from)!.FullName, dataDirectory,
                CheckpointDirectory.For(options.Audit, dataDirectory).Path, parse.GetValue(force), ct));
            return 0;
        });
        return command;
    }

    private static (EventReviewOptions Options, string DataDirectory) EmbeddedOnly(string verb)
    {
        var configuration = CliConfiguration.Load();
        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString(EventReviewApp.ConnectionStringName)))
            throw new InvalidOperationException(
                $"{verb} works on the embedded database; a configured PostgreSQL is backed up with its own tools (pg_basebackup or pg_dump against it)");
        var options = CliConfiguration.Options(configuration);
        return (options, DataDirectory.Resolve(options.DataDirectory));
    }
}
