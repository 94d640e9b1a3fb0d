using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using EventReview.Deduplication;
using EventReview.Records;
using EventReview.Records.Parsing;
using EventReview.Reviews;
using EventReview.Screening;
using EventReview.Searches;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventReview.Seed;

/// <summary>
/// One row of a labelled screening dataset (the asreview systematic-review-datasets layout): its CSV line, its id,
/// the reviewers' title-abstract and full-text labels, and the id of the record it duplicates, if any.
/// </summary>
public sealed record LabelledRecord(int Line, int RecordId, bool IncludedAtTitleAbstract, bool IncludedAtFullText, int? DuplicateOf);

/// <summary>
/// How the simulated screeners err. On each record and stage one draw u = Uniform(Seed, record id, stage) in [0, 1)
/// decides: u &lt; ErrorRate, screener 1 votes against the label; ErrorRate &lt;= u &lt; 2 x ErrorRate, screener 2
/// does; otherwise both follow it. So each screener errs on a share ErrorRate of records, never both on the same
/// one: a joint error would be an agreed wrong decision that no resolution sees, and the labels say there was none.
/// </summary>
public sealed record ReplayOptions(double ErrorRate = 0.05, ulong Seed = 2019)
{
    public static ReplayOptions Default { get; } = new();
}

public sealed record ReplayResult(Guid ReviewId, int Records, int EventsAppended, TimeSpan Elapsed);

/// <summary>
/// Replays a labelled review at realistic size: the dataset imported as one search through the record importer,
/// its marked duplicates removed, two simulated screeners voting on every record at both stages with the seeded
/// error model of <see cref="ReplayOptions"/>, every conflict resolved to the label by the third reviewer, and
/// every report included at title-abstract retrieved. The outcomes then equal the labels exactly.
/// </summary>
public static class LabelledReplay
{
    public const string CorrelationId = "seed-load-labelled-replay";
    public const string ExclusionCode = "excluded-by-label";

    /// <summary>The review id `eventreview demo --labelled FILE` gives a dataset: fixed by the file's content.</summary>
    public static Guid ReviewIdFor(string path)
    {
        using var file = File.OpenRead(path);
        return SeedIds.Create("labelled:" + Convert.ToHexStringLower(SHA256.HashData(file)));
    }

    /// <summary>
    /// The dataset's text with each control character other than tab and line breaks replaced by a space. Three
    /// abstracts of Nagtegaal 2019 hold U+0001, and the CSV parser refuses a row with a control character as binary data.
    /// </summary>
    public static string ReadText(string path)
    {
        var text = File.ReadAllText(path);
        return text.Any(IsControl) ? new string([.. text.Select(c => IsControl(c) ? ' ' : c)]) : text;
    }

    private static bool IsControl(char c) => (c < ' ' && c is not ('\t' or '\n' or '\r')) || c == '\u007F';

    /// <summary>The labels, read with the product's CSV reader so that each row's line matches its imported record's.</summary>
    public static IReadOnlyList<LabelledRecord> ReadLabels(TextReader reader)
    {
        var limits = ParserLimits.Default;
        var input = new CharReader(reader, limits.MaxRecordLength);
        var header = CsvRowReader.ReadRawLine(input, limits.MaxRecordLength);
        var names = new CsvRowReader(new CharReader(new StringReader(header), limits.MaxRecordLength), ',', limits).ReadRow()?.Fields ?? [];
        int Column(string name) => names.FindIndex(n => n.Trim('\uFEFF').Trim() == name) is var i and >= 0
            ? i : throw new SeedLoadException($"The labelled dataset has no '{name}' column.");
        int id = Column("record_id"), abstractLabel = Column("label_abstract_screening"), included = Column("label_included"), duplicate = Column("duplicate_record_id");

        var rows = new CsvRowReader(input, ',', limits);
        var labels = new List<LabelledRecord>();
        while (rows.ReadRow() is { } row)
        {
            if (row.Error is not null || row.Fields.Count != names.Count)
                throw new SeedLoadException($"Line {row.Line} of the labelled dataset is malformed.");
            labels.Add(new LabelledRecord(row.Line, int.Parse(row.Fields[id], CultureInfo.InvariantCulture), row.Fields[abstractLabel] == "1",
                row.Fields[included] == "1",
                string.IsNullOrWhiteSpace(row.Fields[duplicate]) ? null : int.Parse(row.Fields[duplicate], CultureInfo.InvariantCulture)));
        }
        return labels;
    }

    /// <summary>The two screeners' votes on a record at a stage, as <see cref="ReplayOptions"/> describes.</summary>
    public static (Decision Screener1, Decision Screener2) Votes(LabelledRecord record, Stage stage, ReplayOptions options)
    {
        var label = stage == Stage.TitleAbstract ? record.IncludedAtTitleAbstract : record.IncludedAtFullText;
        var (right, wrong) = label ? (Decision.Include, Decision.Exclude) : (Decision.Exclude, Decision.Include);
        var u = SeededRandom.Uniform(options.Seed, (ulong)record.RecordId, (ulong)stage);
        return u < options.ErrorRate ? (wrong, right) : u < 2 * options.ErrorRate ? (right, wrong) : (right, right);
    }

    public static async Task<ReplayResult> RunAsync(IDocumentStore store, Guid reviewId, string path, ReplayOptions options, ILogger? logger,
        CancellationToken ct)
    {
        if (options.ErrorRate is < 0 or > 0.5 || double.IsNaN(options.ErrorRate))
            throw new ArgumentOutOfRangeException(nameof(options), options.ErrorRate, "The error rate is between 0 and 0.5.");
        logger ??= NullLogger.Instance;
        var clock = Stopwatch.StartNew();
        var text = ReadText(path);
        var labels = ReadLabels(new StringReader(text));

        var steps = new RecordSteps(store, reviewId, CorrelationId);
        var searchId = SeedIds.Create(reviewId, "search");
        await StartReviewAsync(steps, reviewId, searchId, Path.GetFileName(path), labels.Count, ct);

        var summary = await RecordImporter.ImportAsync(store, reviewId, searchId, BibParser.Parse(new StringReader(text), BibFormat.Csv),
            SeedMembers.Lead, CorrelationId, ct);
        if (summary.Errors.Count > 0)
            throw new SeedLoadException($"The labelled dataset did not parse: line {summary.Errors[0].Line}: {summary.Errors[0].Message}");
        var imported = summary.Imported;

        Dictionary<Guid, LabelledRecord> byRecord;
        Dictionary<int, Guid> idOf;
        await using (var query = store.QuerySession())
        {
            var records = await query.Query<RecordState>().Where(r => r.ReviewId == reviewId).ToListAsync(ct);
            var byLine = labels.ToDictionary(l => l.Line);
            var bibliography = await RecordBibliography.LoadAsync(query, records.Select(r => r.Id), ct);
            byRecord = records.ToDictionary(r => r.Id, r => byLine[bibliography[r.Id].Line]);
            idOf = byRecord.ToDictionary(p => p.Value.RecordId, p => p.Key);
        }
        if (byRecord.Count != labels.Count) throw new SeedLoadException($"{byRecord.Count} records imported for {labels.Count} labelled rows.");

        var lead = SeedMembers.Lead;
        await steps.ApplyAsync("Marking a duplicate", byRecord.Where(p => p.Value.DuplicateOf is not null).Select(p => p.Key), (review, record) =>
        {
            if (record.DuplicateOf is not null) return null;
            var keptId = idOf[byRecord[record.Id].DuplicateOf!.Value];
            var kept = new RecordState { Id = keptId, ReviewId = reviewId };
            return MarkDuplicateEndpoint.Decide(review, record, kept,
                new MarkDuplicate(keptId, $"Marked as a duplicate in the dataset (duplicate_record_id {byRecord[record.Id].DuplicateOf})"), lead);
        }, ct);

        var screened = byRecord.Where(p => p.Value.DuplicateOf is null).Select(p => p.Key).ToList();
        await StageAsync(steps, Stage.TitleAbstract, screened, byRecord, options, ct);
        var sought = screened.Where(id => byRecord[id].IncludedAtTitleAbstract).ToList();
        await steps.ApplyAsync("Recording retrieval", sought, (review, record) =>
            record.Retrieved is not null ? null : ReportRetrievalEndpoint.Decide(review, record, new ReportRetrieval(true, null), lead), ct);
        await StageAsync(steps, Stage.FullText, sought, byRecord, options, ct);

        if (logger.IsEnabled(LogLevel.Information))
            logger.LogInformation("Replayed the labelled review {ReviewId}: {Records} records, {Events} events in {Elapsed} ms",
                reviewId, labels.Count, imported + steps.EventsAppended, clock.ElapsedMilliseconds);
        return new ReplayResult(reviewId, labels.Count, imported + steps.EventsAppended, clock.Elapsed);
    }

    private static async Task StageAsync(RecordSteps steps, Stage stage, IReadOnlyList<Guid> ids, Dictionary<Guid, LabelledRecord> labels,
        ReplayOptions options, CancellationToken ct)
    {
        string? Reason(Decision decision) => stage == Stage.FullText && decision == Decision.Exclude ? ExclusionCode : null;
        foreach (var (screener, first) in new[] { (SeedMembers.Screener1, true), (SeedMembers.Screener2, false) })
        {
            await steps.ApplyAsync($"A {stage.Name()} vote", ids, (review, record) =>
            {
                var progress = record.Progress(stage);
                if (progress.IsDecided || progress.CurrentVoteOf(screener.Id) is not null) return null;
                var votes = Votes(labels[record.Id], stage, options);
                var decision = first ? votes.Screener1 : votes.Screener2;
                return CastVoteEndpoint.Decide(review, record, new CastVote(stage, decision, Reason(decision), null), screener);
            }, ct);
        }
        await steps.ApplyAsync("A resolution", ids, (review, record) =>
        {
            var progress = record.Progress(stage);
            if (progress.IsDecided || !progress.InConflict) return null;
            var label = stage == Stage.TitleAbstract ? labels[record.Id].IncludedAtTitleAbstract : labels[record.Id].IncludedAtFullText;
            var decision = label ? Decision.Include : Decision.Exclude;
            return ResolveConflictEndpoint.Decide(review, record,
                new ResolveConflict(stage, decision, Reason(decision), "Resolved to the dataset's label by the third reviewer (simulated)"), SeedMembers.Resolver);
        }, ct);
    }

    private static async Task StartReviewAsync(RecordSteps steps, Guid reviewId, Guid searchId, string fileName, int rows, CancellationToken ct)
    {
        await using var session = steps.OpenSession();
        if (await session.Events.FetchStreamStateAsync(reviewId, ct) is not null) return;
        var lead = SeedMembers.Lead;
        var create = new CreateReview($"Labelled replay: {fileName} (two simulated screeners)",
            "The screening of a published labelled dataset replayed at its real size; see docs/seed-review.md.", null);
        var events = new List<object>(CreateReviewEndpoint.Decide(reviewId, create, lead));
        foreach (var (member, roles, note) in SeedMembers.All)
            events.Add(new MemberRolesSet(reviewId, member.Id, member.Name, [.. roles.Distinct().Order()], note, lead));
        events.Add(new ExclusionReasonAdded(reviewId, Stage.FullText, ExclusionCode, "Excluded at full text (dataset label)", lead));
        events.Add(new SearchRecorded(reviewId, searchId, fileName, SearchKind.Database, null,
            "The dataset's search result as published; its search strategy is not part of the file.",
            DateOnly.FromDateTime(DateTime.UtcNow), null, rows, lead));
        session.Events.StartStream<Review>(reviewId, [.. events]);
        await steps.SaveAsync(session, ct);
    }
}
