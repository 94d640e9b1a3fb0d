using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using EventReview.Records;
using EventReview.Records.Parsing;
using EventReview.Reviews;
using EventReview.Screening;

namespace EventReview.DecisionImports;

/// <summary>
/// Reads Rayyan's export zip: the records (articles.ris, else articles.csv) through the product's parsers, and
/// customizations_log.csv, Rayyan's own event log, as decisions. Pure: no I/O beyond the bytes given.
/// </summary>
public static partial class RayyanExport
{
    public const string SystemEmail = "rayyan@rayyan.ai";
    private static readonly string[] LogColumns = ["created_at", "user_id", "user_email", "article_id", "key", "value"];

    public static DecisionSource Read(byte[] zip)
    {
        var files = ZipFiles.Read(zip, name => name is "articles.ris" or "articles.csv" or "customizations_log.csv");
        var log = files.GetValueOrDefault("customizations_log.csv")
            ?? throw new DecisionSourceException(1, "The zip holds no customizations_log.csv: not a Rayyan export.");
        var (articles, format) = files.TryGetValue("articles.ris", out var ris) ? (ris, BibFormat.Ris)
            : files.TryGetValue("articles.csv", out var csv) ? (csv, BibFormat.Csv)
            : throw new DecisionSourceException(1, "The zip holds neither articles.ris nor articles.csv: not a Rayyan export.");

        var records = ZipFiles.Records(articles, format, "articles." + format.Name());
        // The log names an article by Rayyan's id alone; the record keeps the AN as exported ("rayyan-<id>").
        var known = records.Where(r => r.SourceRecordId is not null)
            .GroupBy(r => ArticleId(r.SourceRecordId)!).ToDictionary(g => g.Key, g => g.First().SourceRecordId!, StringComparer.Ordinal);
        var rows = ReadLog(log, known);
        var discrepancies = new List<string>();
        var members = Members(rows, format == BibFormat.Ris ? Inclusions(articles) : [], discrepancies);
        var votes = Votes(rows, discrepancies);
        var moves = rows.Where(r => r.Key.StartsWith("__SYSTEM__STAGE__", StringComparison.Ordinal))
            .Select(r => new SourceStageMove(r.Line, r.Time, r.Article, r.Key)).ToList();
        var reviewers = Math.Max(1, votes.Where(v => v.Stage == Stage.TitleAbstract).GroupBy(v => v.SourceRecordId)
            .Select(g => g.Select(v => v.SourceUserId).Distinct().Count()).DefaultIfEmpty(1).Max());
        return new DecisionSource(DecisionFormat.Rayyan, records, members, votes, moves, reviewers, discrepancies, null)
        {
            Labels = Labels(rows, discrepancies),
        };
    }

    /// <summary>Rayyan's AN is "rayyan-&lt;article id&gt;"; the log names the article id alone.</summary>
    public static string? ArticleId(string? sourceRecordId) =>
        sourceRecordId?.StartsWith("rayyan-", StringComparison.Ordinal) == true ? sourceRecordId["rayyan-".Length..] : sourceRecordId;

    internal sealed record LogRow(int Line, DateTimeOffset Time, string UserId, string Email, string Article, string Key, string Value);

    private static List<LogRow> ReadLog(string text, Dictionary<string, string> known)
    {
        var rows = new List<LogRow>();
        var reader = new CsvRowReader(new CharReader(new StringReader(text), ParserLimits.Default.MaxRecordLength), ',', ParserLimits.Default);
        var header = reader.ReadRow()?.Fields.Select(f => f.Trim('\uFEFF').Trim()).ToList() ?? [];
        if (!LogColumns.All(header.Contains))
            throw new DecisionSourceException(1, $"customizations_log.csv has an unknown layout: expected the columns {string.Join(",", LogColumns)}.");
        int Col(string name) => header.IndexOf(name);
        var errors = new List<ImportError>();
        while (reader.ReadRow() is { } row)
        {
            if (row.Fields is [""]) continue;
            if (row.Error is not null || row.Fields.Count != header.Count)
            {
                errors.Add(new ImportError(row.Line, $"customizations_log.csv: expected {header.Count} fields"));
                continue;
            }
            string F(string name) => row.Fields[Col(name)].Trim();
            if (!DateTimeOffset.TryParse(F("created_at"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                errors.Add(new ImportError(row.Line, $"customizations_log.csv: '{F("created_at")}' is not a time"));
            else if (!known.TryGetValue(F("article_id"), out var recordId))
                errors.Add(new ImportError(row.Line, $"customizations_log.csv: article {F("article_id")} is not among the exported records"));
            else
                rows.Add(new LogRow(row.Line, time, F("user_id"), F("user_email"), recordId, F("key").Trim('"'), F("value")));
        }
        if (errors.Count > 0) throw new DecisionSourceException(errors);
        // Time order; the file's order breaks ties.
        return [.. rows.OrderBy(r => r.Time).ThenBy(r => r.Line)];
    }

    private static bool IsSystem(LogRow row) => row.UserId == "0" || row.Email.Equals(SystemEmail, StringComparison.OrdinalIgnoreCase);

    private static List<SourceVote> Votes(List<LogRow> rows, List<string> discrepancies)
    {
        // A reason is the reviewer's, on the article: it goes with their exclusions of it, at the latest stage they excluded it.
        var reasons = new Dictionary<(string User, string Article), List<string>>();
        foreach (var row in rows.Where(r => r.Key.StartsWith("__EXR__", StringComparison.Ordinal)))
        {
            var list = reasons.TryGetValue((row.UserId, row.Article), out var l) ? l : reasons[(row.UserId, row.Article)] = [];
            var reason = row.Key["__EXR__".Length..].Trim();
            list.Remove(reason);
            if (row.Value != "deleted") list.Add(reason);
        }

        var votes = new List<SourceVote>();
        foreach (var row in rows.Where(r => !IsSystem(r)))
        {
            Stage stage;
            if (row.Key == "included") stage = Stage.TitleAbstract;
            else if (row.Key.StartsWith("included__SYSTEM__STAGE__", StringComparison.Ordinal)) stage = Stage.FullText;
            else continue;
            Decision decision = row.Value switch
            {
                "1" => Decision.Include,
                "0" => Decision.Maybe,
                "-1" => Decision.Exclude,
                _ => throw new DecisionSourceException(row.Line, $"customizations_log.csv: '{row.Value}' is not a decision (1, 0 or -1)"),
            };
            votes.Add(new SourceVote(row.Line, row.Time, row.UserId, row.Article, stage, decision, []));
        }
        foreach (var ((user, article), list) in reasons.Where(p => p.Value.Count > 0))
        {
            var excluded = votes.Where(v => v.SourceUserId == user && v.SourceRecordId == article && v.Decision == Decision.Exclude).ToList();
            if (excluded.Count == 0)
            {
                discrepancies.Add($"article {article}: reviewer {user} gave exclusion reasons ({string.Join(", ", list)}) without excluding it; the reasons are not attached to any vote");
                continue;
            }
            var stage = excluded.Max(v => v.Stage);
            foreach (var vote in excluded.Where(v => v.Stage == stage)) votes[votes.IndexOf(vote)] = vote with { Reasons = list };
        }
        return votes;
    }

    /// <summary>
    /// Any other key of a reviewer's row is a label: value 1 puts it on the record, <c>deleted</c> takes it off. Another
    /// value, or a label row of Rayyan's system user, is listed and not carried over.
    /// </summary>
    private static List<SourceLabel> Labels(List<LogRow> rows, List<string> discrepancies)
    {
        var labels = new List<SourceLabel>();
        foreach (var row in rows.Where(r => !r.Key.StartsWith("included", StringComparison.Ordinal) && !r.Key.StartsWith("__", StringComparison.Ordinal)))
        {
            if (IsSystem(row) || row.Value is not ("1" or "deleted") || row.Key.Length == 0)
                discrepancies.Add($"line {row.Line}: label '{row.Key}' = '{row.Value}' by user {row.UserId} on article {row.Article} is not a label change of a reviewer; not carried over");
            else labels.Add(new SourceLabel(row.Line, row.Time, row.UserId, row.Article, row.Key, row.Value == "deleted"));
        }
        return labels;
    }

    /// <summary>The RIS notes' final decisions: per printed name, the article ids and what the name decided on each.</summary>
    private static Dictionary<string, Dictionary<string, Decision>> Inclusions(string ris)
    {
        var byName = new Dictionary<string, Dictionary<string, Decision>>(StringComparer.Ordinal);
        string? article = null;
        foreach (var line in ris.Split('\n'))
        {
            if (line.StartsWith("AN  -", StringComparison.Ordinal)) article = line[5..].Trim();
            else if (line.StartsWith("TY  -", StringComparison.Ordinal)) article = null;
            if (article is null || InclusionNote().Match(line) is not { Success: true } note) continue;
            foreach (Match pair in InclusionPair().Matches(note.Groups[1].Value))
            {
                var decision = pair.Groups[2].Value switch { "Included" => Decision.Include, "Excluded" => Decision.Exclude, _ => Decision.Maybe };
                (byName.TryGetValue(pair.Groups[1].Value, out var d) ? d : byName[pair.Groups[1].Value] = [])[article] = decision;
            }
        }
        return byName;
    }

    /// <summary>
    /// Reviewers are the log's users other than Rayyan's system user. A name printed in the RIS notes is a reviewer's when
    /// that reviewer alone has exactly the name's final title-abstract decisions; otherwise the e-mail's local part
    /// stands in, and the mismatch is reported.
    /// </summary>
    private static List<SourceMember> Members(List<LogRow> rows, Dictionary<string, Dictionary<string, Decision>> printed, List<string> discrepancies)
    {
        var users = rows.Where(r => !IsSystem(r)).GroupBy(r => r.UserId).ToList();
        var finals = users.ToDictionary(g => g.Key, g => g.Where(r => r.Key == "included")
            .GroupBy(r => r.Article).ToDictionary(a => a.Key, a => a.Last().Value switch
            {
                "1" => Decision.Include, "-1" => Decision.Exclude, _ => Decision.Maybe,
            }));
        bool Same(Dictionary<string, Decision> a, Dictionary<string, Decision> b) => a.Count == b.Count && a.All(p => b.GetValueOrDefault(p.Key, (Decision)(-1)) == p.Value);
        var members = new List<SourceMember>();
        foreach (var user in users)
        {
            var email = user.First().Email;
            var names = printed.Where(p => Same(p.Value, finals[user.Key])).Select(p => p.Key).ToList();
            var unique = names is [var only] && finals.Count(f => Same(printed[only], f.Value)) == 1;
            var name = unique ? names[0] : email.Split('@')[0];
            if (!unique && printed.Count > 0)
                discrepancies.Add($"reviewer {user.Key} ({email}): the RIS notes' RAYYAN-INCLUSION names no one with exactly this reviewer's final decisions; named '{name}'");
            members.Add(new SourceMember(user.Key, name, email));
        }
        foreach (var name in printed.Keys.Where(n => !members.Any(m => m.Name == n)))
            discrepancies.Add($"the RIS notes name '{name}', whose decisions match no reviewer's log");
        return members;
    }

    [GeneratedRegex(@"RAYYAN-INCLUSION:\s*\{(.*?)\}")]
    private static partial Regex InclusionNote();

    [GeneratedRegex("\"(.*?)\"=>\"(.*?)\"")]
    private static partial Regex InclusionPair();
}
