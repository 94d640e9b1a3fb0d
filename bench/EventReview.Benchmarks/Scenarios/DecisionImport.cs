using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using EventReview.Benchmarks.Harness;
using EventReview.DecisionImports;
using EventReview.Identity;
using EventReview.Records;
using EventReview.Records.Parsing;
using Microsoft.Data.Sqlite;

namespace EventReview.Benchmarks.Scenarios;

/// <summary>
/// An ASReview project of N labelled records, built from the corpus records (a dataset CSV and a results.db labelling
/// every record), imported with its decisions, against a plain import of the same dataset CSV into the same database.
/// </summary>
public sealed class DecisionImport : IScenario
{
    public const string Plain = "plain import of the dataset CSV";

    public string Name => "decision-import";

    public IReadOnlyList<long> Sizes(bool quick) => Harness.Sizes.Growth(100_000, quick, larger: false);

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchContext context, long size, CancellationToken ct)
    {
        var (csv, project) = Build(context, size);
        var connectionString = await context.CreateDatabaseAsync($"bench_decision_import_{size}", ct);
        await using var app = await BenchApp.StartAsync(context, connectionString, $"app-decision-import-{size}");
        var by = new Actor(ReviewAtScale.Lead, "Bench Lead");

        var started = Stopwatch.GetTimestamp();
        var plain = await RecordImporter.ImportAsync(app.Store, Guid.CreateVersion7(), Guid.CreateVersion7(),
            BibParser.Parse(new StringReader(csv), BibFormat.Csv), by, null, ct);
        var plainSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        started = Stopwatch.GetTimestamp();
        var imported = await DecisionImporter.ImportAsync(app.Store, DecisionFormat.Asreview, project, "bench.asreview", by, null, afterStep: null, ct);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        context.Log($"plain import {plain.Imported:N0} in {plainSeconds:N2} s; project {imported.Records:N0} records, {imported.Votes:N0} votes in {seconds:N2} s");

        return
        [
            new(Name, Plain, size, plainSeconds, "s", Note: $"{plain.Imported:N0} records"),
            new(Name, "ASReview project import (records and labels)", size, seconds, "s", Baseline: Plain,
                Aim: new("≤ 1.5x the plain import", 1.5, AtLeast: false, OnRatio: true), Note: $"{imported.Votes:N0} votes"),
        ];
    }

    /// <summary>The dataset CSV (one row per corpus record, titles numbered so no two rows are one record) and the project zip.</summary>
    private static (string Csv, byte[] Project) Build(BenchContext context, long size)
    {
        var records = BibParser.Parse(File.OpenRead(RisCorpus.Build(context, size)), BibFormat.Ris).OfType<ParsedRecord>().Select(r => r.Record).ToList();
        var csv = new StringBuilder("title,abstract,year,doi\n");
        foreach (var (record, i) in records.Select((r, i) => (r, i)))
            csv.Append(CultureInfo.InvariantCulture, $"{Cell($"{record.Title} ({i})")},{Cell(record.Abstract)},{record.Year},{Cell(record.Doi)}\n");

        var db = Path.Combine(context.WorkDirectory, $"decision-import-{size}.db");
        File.Delete(db);
        using (var connection = new SqliteConnection($"Data Source={db};Pooling=false"))
        {
            connection.Open();
            using var transaction = connection.BeginTransaction();
            using (var create = new SqliteCommand("create table results (record_id INTEGER UNIQUE, label INTEGER, classifier TEXT, querier TEXT, training_set INTEGER, time FLOAT, note TEXT, user_id INTEGER)", connection, transaction))
                create.ExecuteNonQuery();
            using var insert = new SqliteCommand("insert into results values ($id, $label, 'svm', 'max', $id, $time, null, null)", connection, transaction);
            var id = insert.Parameters.Add("$id", SqliteType.Integer);
            var label = insert.Parameters.Add("$label", SqliteType.Integer);
            var time = insert.Parameters.Add("$time", SqliteType.Real);
            for (var i = 0; i < records.Count; i++)
            {
                (id.Value, label.Value, time.Value) = (i, i % 10 == 0 ? 1 : 0, 1_745_432_659.0 + i);
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create))
        {
            archive.CreateEntryFromFile(db, "results.db");
            using var data = archive.CreateEntry("data/bench.csv").Open();
            data.Write(Encoding.UTF8.GetBytes(csv.ToString()));
        }
        return (csv.ToString(), zip.ToArray());
    }

    private static string Cell(string? text) => text is null ? "" : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
