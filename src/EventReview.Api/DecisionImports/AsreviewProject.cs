using System.Globalization;
using System.Text;
using EventReview.Records;
using EventReview.Records.Parsing;
using EventReview.Reviews;
using EventReview.Screening;
using Microsoft.Data.Sqlite;

namespace EventReview.DecisionImports;

/// <summary>
/// Reads an ASReview LAB project file (a zip holding results.db, SQLite, and the dataset under data/; any project-file
/// version that keeps a results table) or a labelled dataset CSV. The labels are one screener's title-abstract votes.
/// </summary>
public static class AsreviewProject
{
    public const string UserName = "ASReview user";
    private static readonly string[] LabelColumns = ["asreview_label", "included", "label_included", "final_included"];

    public static DecisionSource Read(byte[] bytes) => ZipFiles.IsZip(bytes) ? ReadProject(bytes) : ReadDataset(Encoding.UTF8.GetString(bytes));

    private static DecisionSource ReadProject(byte[] zip)
    {
        // The newest layout first: v3 keeps results.db at the root, v1 and v2 under reviews/<id>/.
        var files = ZipFiles.ReadBytes(zip, path => path == "results.db" || path.StartsWith("data/", StringComparison.Ordinal) && path.EndsWith(".csv", StringComparison.Ordinal)
            || path.StartsWith("reviews/", StringComparison.Ordinal) && path.EndsWith("/results.db", StringComparison.Ordinal));
        var db = files.GetValueOrDefault("results.db") ?? files.Where(f => f.Key.EndsWith("results.db", StringComparison.Ordinal)).Select(f => f.Value).FirstOrDefault()
            ?? throw new DecisionSourceException(1, "The project holds no results.db: not an ASReview project file.");
        var dataset = files.Where(f => f.Key.EndsWith(".csv", StringComparison.Ordinal)).Select(f => (f.Key, f.Value)).FirstOrDefault();
        if (dataset.Key is null) throw new DecisionSourceException(1, "The project holds no dataset under data/.");

        var records = ZipFiles.Records(Encoding.UTF8.GetString(dataset.Value), BibFormat.Csv, dataset.Key);
        var (labels, rowOf) = Results.Read(db);
        // ASReview numbers the dataset's rows from 0; v3 maps them to record ids in its record table.
        var ids = rowOf is null ? records.Select((_, i) => i.ToString(CultureInfo.InvariantCulture)).ToList()
            : records.Select((_, i) => rowOf.TryGetValue(i, out var id) ? id.ToString(CultureInfo.InvariantCulture) : $"row-{i}").ToList();
        records = [.. records.Select((r, i) => r with { SourceRecordId = ids[i] })];
        var known = ids.ToHashSet(StringComparer.Ordinal);
        var unknown = labels.Where(l => !known.Contains(l.SourceRecordId)).Select(l => new ImportError(l.Line, $"results.db: record_id {l.SourceRecordId} is not in the dataset")).ToList();
        if (unknown.Count > 0) throw new DecisionSourceException(unknown);

        var users = labels.Select(l => l.SourceUserId).Distinct().ToList();
        var members = users.Select(u => new SourceMember(u, u == "" ? UserName : $"{UserName} {u}", null)).ToList();
        var discrepancies = users.Count > 1
            ? new List<string> { $"{users.Count} ASReview users labelled records in a project that gives each record one reviewer" } : [];
        return new DecisionSource(DecisionFormat.Asreview, records, members, labels, [], 1, discrepancies,
            "ASReview LAB project: each vote's note names the model (classifier, querier) that proposed the record");
    }

    private static DecisionSource ReadDataset(string text)
    {
        var reader = new CsvRowReader(new CharReader(new StringReader(text), ParserLimits.Default.MaxRecordLength), ',', ParserLimits.Default);
        var header = reader.ReadRow()?.Fields.Select(f => f.Trim('\uFEFF').Trim()).ToList() ?? [];
        var label = LabelColumns.Select(c => header.IndexOf(c)).FirstOrDefault(i => i >= 0, -1);
        if (label < 0)
            throw new DecisionSourceException(1, $"The CSV has an unknown layout: no label column ({string.Join(", ", LabelColumns)}).");
        var time = header.IndexOf("asreview_time");
        var records = ZipFiles.Records(text, BibFormat.Csv, "the dataset");
        var votes = new List<SourceVote>();
        var index = 0;
        while (reader.ReadRow() is { } row)
        {
            if (row.Fields is [""]) continue;
            var id = (index++).ToString(CultureInfo.InvariantCulture);
            var value = row.Fields.ElementAtOrDefault(label)?.Trim() ?? "";
            if (value is "" or "-1") continue;
            Decision decision = value switch
            {
                "1" or "1.0" => Decision.Include,
                "0" or "0.0" => Decision.Exclude,
                _ => throw new DecisionSourceException(row.Line, $"'{value}' in {header[label]} is not a label (1, 0, -1 or empty)"),
            };
            DateTimeOffset? at = time >= 0 && DateTimeOffset.TryParse(row.Fields.ElementAtOrDefault(time), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var t) ? t : null;
            votes.Add(new SourceVote(row.Line, at, "", id, Stage.TitleAbstract, decision, []));
        }
        records = [.. records.Select((r, i) => r with { SourceRecordId = i.ToString(CultureInfo.InvariantCulture) })];
        return new DecisionSource(DecisionFormat.Asreview, records, votes.Count > 0 ? [new SourceMember("", UserName, null)] : [], votes, [], 1, [],
            $"ASReview labelled dataset: labels from the '{header[label]}' column");
    }

    /// <summary>The results table (and decision_changes, the labels a later one replaced), as votes in time order.</summary>
    private static class Results
    {
        public static (List<SourceVote> Votes, Dictionary<int, long>? RowOf) Read(byte[] db)
        {
            var path = Path.Combine(Path.GetTempPath(), $"asreview-{Guid.NewGuid():N}.db");
            File.WriteAllBytes(path, db);
            try
            {
                using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
                connection.Open();
                var tables = Strings(connection, "select name from sqlite_master where type = 'table'");
                if (!tables.Contains("results")) throw new DecisionSourceException(1, "results.db has no results table: an unknown project layout.");
                var columns = Strings(connection, "select name from pragma_table_info('results')");
                string Col(params string[] names) => names.FirstOrDefault(columns.Contains) is { } n ? $"\"{n}\"" : "null";
                var votes = new List<SourceVote>();
                var select = $"select record_id, label, {Col("time", "labeling_time")}, {Col("note", "notes")}, {Col("classifier")}, {Col("querier", "query_strategy")}, {Col("user_id")}, {Col("training_set")}, rowid from results";
                if (tables.Contains("decision_changes"))
                    votes.AddRange(Rows(connection, "select record_id, label, time, null, null, null, " + (Strings(connection, "select name from pragma_table_info('decision_changes')").Contains("user_id") ? "user_id" : "null") + ", null, rowid from decision_changes", "decision_changes"));
                votes.AddRange(Rows(connection, select, "results"));
                Dictionary<int, long>? rowOf = null;
                if (tables.Contains("record"))
                {
                    rowOf = [];
                    using var command = new SqliteCommand("select dataset_row, record_id from record", connection);
                    using var reader = command.ExecuteReader();
                    while (reader.Read()) rowOf[reader.GetInt32(0)] = reader.GetInt64(1);
                }
                return ([.. votes.OrderBy(v => v.SourceTime ?? DateTimeOffset.MaxValue).ThenBy(v => v.Line)], rowOf);
            }
            catch (SqliteException e)
            {
                throw new DecisionSourceException(1, $"results.db cannot be read as SQLite: {e.Message}");
            }
            finally
            {
                File.Delete(path);
            }
        }

        private static HashSet<string> Strings(SqliteConnection connection, string sql)
        {
            using var command = new SqliteCommand(sql, connection);
            using var reader = command.ExecuteReader();
            var names = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read()) names.Add(reader.GetString(0));
            return names;
        }

        /// <summary>A row is a vote when it has a label (ASReview writes the model's pending proposals with none).</summary>
        private static IEnumerable<SourceVote> Rows(SqliteConnection connection, string sql, string table)
        {
            using var command = new SqliteCommand(sql, connection);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                // SQLite has no line numbers; a row's rowid is its place in the table.
                var line = (int)reader.GetInt64(8);
                if (reader.IsDBNull(1) || reader.GetInt64(1) is not (0 or 1)) continue;
                DateTimeOffset? time = reader.IsDBNull(2) ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(reader.GetDouble(2) * 1000));
                string? Text(int i) => reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
                var model = Text(4) is { } classifier ? $"proposed by {classifier} / {Text(5)} (training set {Text(7)})"
                    : Text(5) is { } querier ? $"proposed by {querier} (prior knowledge)" : null;
                var note = string.Join("; ", new[] { model, Text(3) }.Where(t => !string.IsNullOrWhiteSpace(t)));
                yield return new SourceVote(line, time, Text(6) ?? "", Text(0) ?? "", Stage.TitleAbstract,
                    reader.GetInt64(1) == 1 ? Decision.Include : Decision.Exclude, [], note.Length > 0 ? $"{table}: {note}" : null);
            }
        }
    }
}
