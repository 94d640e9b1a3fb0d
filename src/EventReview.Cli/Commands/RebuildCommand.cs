using System.CommandLine;
using EventReview.Hosting;
using EventReview.Rebuild;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EventReview.Cli.Commands;

public static class RebuildCommand
{
    /// <summary>Why a rebuild beside a serving node is refused unless forced: what the node sees while it runs.</summary>
    public const string ServingConsequence =
        "while the review and appraisal projections are replayed, a serving node may answer 404 for a review and refuse its " +
        "commands, and writes to records wait for the record table's lock until the rebuild commits (about 40 s per million events)";

    public static Command Create()
    {
        var force = new Option<bool>("--force") { Description = "Rebuild even while a server uses the database: " + ServingConsequence + "." };
        var command = new Command("rebuild", "Rebuild every projection from the events; print each projection's fingerprint before and after.") { force };
        command.SetAction(async (parse, ct) =>
        {
            var report = await CliDatabase.WithAppAsync(async services =>
            {
                var db = CliDatabase.DataSource(services);
                var serving = await ServingConnectionsAsync(db, ct);
                if (serving > 0 && !parse.GetValue(force))
                    throw new InvalidOperationException($"refusing to rebuild: a running eventreview serve holds {serving} connection(s) to this " +
                        $"database. Stop it first, or pass --force to rebuild anyway: {ServingConsequence}.");
                return await ProjectionRebuilder.RebuildAllAsync(services.GetRequiredService<IDocumentStore>(), db, ct);
            });
            CliOutput.Json(report);
            if (!report.Identical) Console.Error.WriteLine("eventreview: a projection's fingerprint changed in the rebuild");
            return report.Identical ? 0 : 4;
        });
        return command;
    }

    /// <summary>Connections of serving nodes to this database, seen by their application_name.</summary>
    private static async Task<long> ServingConnectionsAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var command = db.CreateCommand("select count(*) from pg_stat_activity where datname = current_database() and application_name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = EventReviewApp.ServingApplicationName });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
