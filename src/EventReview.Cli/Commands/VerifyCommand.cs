using System.CommandLine;
using EventReview.Audit;
using EventReview.Hosting;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace EventReview.Cli.Commands;

public static class VerifyCommand
{
    public static Command Create()
    {
        var review = new Option<Guid?>("--review") { Description = "Also check this review's projections against its events (with --projections)." };
        var checkpoint = new Option<FileInfo?>("--checkpoint") { Description = "A signed tree head kept elsewhere that the log must still contain." };
        var publicKey = new Option<FileInfo?>("--public-key") { Description = "PEM public seal key; without it, the configured or data directory's key." };
        var projections = new Option<bool>("--projections") { Description = "Check that projection documents equal the fold of their events." };
        var command = new Command("verify",
            "Check the whole event log: chains, transaction seals, streams, sealed events, the Merkle tree against every tree head and checkpoint file; exit 0 only if intact.")
        {
            review, checkpoint, publicKey, projections,
        };
        command.SetAction(async (parse, ct) =>
        {
            var configuration = CliConfiguration.Load();
            var options = CliConfiguration.Options(configuration);
            var dataDirectory = DataDirectory.Resolve(options.DataDirectory);
            using var key = parse.GetValue(publicKey) is { } pem
                ? SealKey.FromPem(File.ReadAllText(pem.FullName))
                : SealKey.LoadExisting(options.Audit, dataDirectory);
            TreeHead[] given = parse.GetValue(checkpoint) is { } file ? [CheckpointFiles.Load(file)] : [];
            var report = await CliDatabase.WithDataSourceAsync(db =>
                LogAudit.RunAsync(db, key, CheckpointDirectory.For(options.Audit, dataDirectory).Path, given, ct));
            if (parse.GetValue(projections))
                report = await WithProjectionsAsync(report, parse.GetValue(review), ct);
            CliOutput.Json(report);
            if (!report.Intact) Console.Error.WriteLine("eventreview: the log is not intact: " + report.Findings[0].Message);
            return report.Intact ? 0 : 3;
        });
        return command;
    }

    private static async Task<AuditReport> WithProjectionsAsync(AuditReport report, Guid? reviewId, CancellationToken ct)
    {
        var findings = await CliDatabase.WithAppAsync(async services =>
        {
            var store = services.GetRequiredService<IDocumentStore>();
            await using var session = store.QuerySession();
            var reviews = reviewId is { } one ? [one] : await session.Query<Reviews.Review>().Select(r => r.Id).ToListAsync(ct);
            var found = new List<AuditFinding>();
            foreach (var id in reviews)
                if (await ProjectionCheck.CheckAsync(store, id, ct) is { } finding) found.Add(finding);
            return found;
        });
        return findings.Count == 0 ? report : report with { Intact = false, Findings = [.. report.Findings, findings[0]] };
    }
}
