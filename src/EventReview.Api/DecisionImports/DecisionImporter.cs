using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EventReview.Identity;
using EventReview.Records;
using EventReview.Reviews;
using EventReview.Screening;
using EventReview.Searches;
using EventReview.Seed;
using JasperFx.Events;
using Marten;

namespace EventReview.DecisionImports;

public sealed record StageSummary(int ReviewersPerRecord, int Votes, int Revisions, IReadOnlyList<string> Reasons);

/// <summary>
/// What an import did, or (<paramref name="AlreadyImported"/>) that the same caller had imported the same file before.
/// <paramref name="Resumed"/>: an earlier attempt stopped part way, and this one stored what it had left out.
/// </summary>
public sealed record DecisionImportSummary(
    Guid ReviewId, bool AlreadyImported, int Records, int Members, int Votes, IReadOnlyDictionary<string, StageSummary> Stages,
    IReadOnlyList<string> Discrepancies, bool Resumed = false);

/// <summary>
/// Creates a review from a decision export in steps, each its own transaction: the review with its members, stages,
/// reasons and <see cref="DecisionImportStarted"/>; the records, each with its replayed decisions in the same stream append,
/// through the bulk import path in batches; last <see cref="DecisionImportCompleted"/>. The file is read and checked
/// whole before anything is stored. The review id is fixed by the file's hash and the caller, and every record's id by its
/// import key, so the same file again either changes nothing (the import completed) or stores exactly the steps a crash
/// left out (records not yet stored, records an older import stored without their decisions) and completes the import.
/// </summary>
public static class DecisionImporter
{
    private const string Correlation = "decision-import";
    private const int InFlight = 2;

    public static Guid ReviewIdFor(byte[] file, string callerId) =>
        SeedIds.Create($"decision-import:{Convert.ToHexStringLower(SHA256.HashData(file))}:{callerId}");

    public static Guid RecordIdFor(Guid reviewId, string importKey) => SeedIds.Create(reviewId, "record:" + importKey);

    public static DecisionSource Read(DecisionFormat format, byte[] file) =>
        format == DecisionFormat.Rayyan ? RayyanExport.Read(file) : AsreviewProject.Read(file);

    /// <param name="afterStep">Told the name of each step once its transaction has committed ("review", "records", and "decisions" for records stored without them).</param>
    public static async Task<DecisionImportSummary> ImportAsync(IDocumentStore store, DecisionFormat format, byte[] file, string fileName, Actor lead,
        string? correlationId, Action<string>? afterStep, CancellationToken ct)
    {
        var reviewId = ReviewIdFor(file, lead.Id);
        Review? existing;
        await using (var query = store.QuerySession()) existing = await query.LoadAsync<Review>(reviewId, ct);
        // A review imported before the completion event existed has no import status: it was written whole or not at all by then.
        if (existing is not null && existing.DecisionImport is not { Complete: false })
            return new DecisionImportSummary(reviewId, true, 0, existing.Members.Count(m => m.Roles.Contains(Role.Screener)), 0,
                new Dictionary<string, StageSummary>(), []);

        var source = Read(format, file);
        var reviewers = source.Members.ToDictionary(m => m.SourceUserId,
            m => new Actor($"{format.ToString().ToLowerInvariant()}:{(m.SourceUserId == "" ? "user" : m.SourceUserId)}", m.Name));
        var reasons = source.Votes.SelectMany(v => v.Reasons).Distinct().ToList();
        var codes = ReasonCodes(reasons);
        var searchId = SeedIds.Create(reviewId, "search");
        correlationId ??= Correlation;

        if (existing is null)
        {
            await using var session = store.LightweightSession();
            session.CorrelationId = correlationId;
            var started = new DecisionImportStarted(reviewId, format, Convert.ToHexStringLower(SHA256.HashData(file)), Shorten(fileName, 400), lead);
            session.Events.StartStream<Review>(reviewId, [.. ReviewEvents(reviewId, searchId, source, fileName, reviewers, codes, lead, started)]);
            await session.SaveChangesAsync(ct);
            afterStep?.Invoke("review");
        }

        var records = NewRecords(reviewId, source);
        var stored = existing is null ? [] : await StoredVersionsAsync(store, reviewId, ct);
        var states = records.ToDictionary(r => r.Record.SourceRecordId ?? r.ImportKey, r => RecordFold.Apply(null,
            new Event<RecordImported>(new RecordImported(reviewId, r.Id, searchId, r.ImportKey, r.Ordinal, r.Record, lead)) { Version = 1 })!,
            StringComparer.Ordinal);
        Review review;
        await using (var query = store.QuerySession()) review = (await query.LoadAsync<Review>(reviewId, ct))!;
        var plan = DecisionReplay.Plan(review, states, source, reviewers, codes, lead);

        // A record not yet stored is written with its decisions, in one stream append through the bulk path.
        await AppendRecordsAsync(store, records.Where(r => !stored.ContainsKey(r.Id))
            .Select(r => r with { Following = plan.Events.GetValueOrDefault(r.Id) }), reviewId, searchId, lead, correlationId, afterStep, ct);

        // A record stored at its first version by an import that wrote records and decisions in separate steps (as imports
        // before the decisions joined the bulk path did) gets its decisions now; one past its first version has them already.
        foreach (var batch in plan.Events.Where(p => stored.GetValueOrDefault(p.Key) == 1).Chunk(RecordImporter.BatchSize))
        {
            await using var session = store.LightweightSession();
            session.CorrelationId = correlationId;
            foreach (var (recordId, events) in batch) session.Events.Append(recordId, 1 + events.Count, [.. events]);
            await session.SaveChangesAsync(ct);
            afterStep?.Invoke("decisions");
        }

        var appended = plan.Events.Values.SelectMany(e => e).ToList();
        var discrepancies = source.Discrepancies.Concat(plan.Discrepancies).Concat(Unreasoned(appended, source)).ToList();
        var votes = appended.OfType<ScreeningVoteCast>().Count();
        await using (var session = store.LightweightSession())
        {
            session.CorrelationId = correlationId;
            session.Events.Append(reviewId, review.Version + 1, new DecisionImportCompleted(reviewId, records.Count, reviewers.Count, votes, discrepancies.Count, lead));
            await session.SaveChangesAsync(ct);
        }
        return new DecisionImportSummary(reviewId, false, records.Count, reviewers.Count, votes,
            Enum.GetValues<Stage>().ToDictionary(s => s.Name(), s => Summary(appended, s, source, codes)), discrepancies, Resumed: existing is not null);
    }

    /// <summary>
    /// Writes the records in batches, each its own transaction, with up to two written at once (as the plain import does),
    /// so that one batch's rows are prepared here while PostgreSQL takes the other's. A failure leaves only whole batches.
    /// </summary>
    private static async Task AppendRecordsAsync(IDocumentStore store, IEnumerable<NewRecord> records, Guid reviewId, Guid searchId,
        Actor lead, string correlationId, Action<string>? afterStep, CancellationToken ct)
    {
        var writing = new Queue<Task>();
        async Task CommitOldestAsync()
        {
            await writing.Dequeue();
            afterStep?.Invoke("records");
        }
        try
        {
            foreach (var batch in records.Chunk(RecordImporter.BatchSize))
            {
                if (writing.Count == InFlight) await CommitOldestAsync();
                writing.Enqueue(new RecordBulkAppend(store).AppendAsync(reviewId, searchId, batch, lead, correlationId, ct));
            }
            while (writing.Count > 0) await CommitOldestAsync();
        }
        catch
        {
            // Nothing is left writing once the import reports its failure: batches already sent finish, whole, first.
            await ((Task)Task.WhenAll(writing)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
    }

    /// <summary>The file's records with the ids and import keys the import gives them: the same for every attempt.</summary>
    public static List<NewRecord> NewRecords(Guid reviewId, DecisionSource source) =>
        [.. source.Records.Select((r, i) => (Key: $"{r.RawHash}#{i + 1}", Ordinal: i + 1, Record: r))
            .Select(r => new NewRecord(RecordIdFor(reviewId, r.Key), r.Key, r.Ordinal, r.Record))];

    /// <summary>The stream version of each record the review already holds.</summary>
    private static async Task<Dictionary<Guid, long>> StoredVersionsAsync(IDocumentStore store, Guid reviewId, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var rows = await query.Query<RecordState>().Where(r => r.ReviewId == reviewId).Select(r => new StoredRecord(r.Id, r.Version)).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => r.Version);
    }

    private sealed record StoredRecord(Guid Id, long Version);

    private static IEnumerable<object> ReviewEvents(Guid reviewId, Guid searchId, DecisionSource source, string fileName,
        Dictionary<string, Actor> reviewers, Dictionary<string, string> codes, Actor lead, DecisionImportStarted started)
    {
        var tool = source.Format == DecisionFormat.Rayyan ? "Rayyan" : "ASReview LAB";
        foreach (var e in CreateReviewEndpoint.Decide(reviewId, new CreateReview($"Imported from {tool}: {Shorten(fileName, 400)}",
            null, null), lead)) yield return e;
        yield return started;
        foreach (var member in source.Members)
            yield return new MemberRolesSet(reviewId, reviewers[member.SourceUserId].Id, member.Name, [Role.Screener],
                $"{tool} user {member.SourceUserId}{(member.Email is null ? "" : $" ({member.Email})")}, imported with the decisions", lead);
        // The source's own setting; reasons are not required, so an exclusion the source took without one is recorded as it was.
        foreach (var stage in Enum.GetValues<Stage>())
            yield return new StageConfigured(reviewId, stage, source.ReviewersPerRecord, false, false, lead);
        foreach (var stage in Enum.GetValues<Stage>())
            foreach (var reason in source.Votes.Where(v => v.Stage == stage).SelectMany(v => v.Reasons).Distinct())
                yield return new ExclusionReasonAdded(reviewId, stage, codes[reason], Shorten(reason, 300), lead);
        yield return new SearchRecorded(reviewId, searchId, $"{tool} export", SearchKind.Database, null,
            source.Context ?? $"The records of a {tool} export, imported with their screening decisions.",
            DateOnly.FromDateTime(DateTime.UtcNow), null, source.Records.Count, lead);
    }

    /// <summary>A reason's code: its words in lower case joined by hyphens, numbered when two reasons give the same code.</summary>
    public static Dictionary<string, string> ReasonCodes(IEnumerable<string> reasons)
    {
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var reason in reasons)
        {
            var words = string.Join('-', reason.ToLowerInvariant().Split(NotWord(reason), StringSplitOptions.RemoveEmptyEntries));
            var code = Shorten(words.Length > 0 ? words : "reason", 56);
            for (var n = 2; codes.ContainsValue(code); n++) code = $"{Shorten(words, 56)}-{n.ToString(CultureInfo.InvariantCulture)}";
            codes[reason] = code;
        }
        return codes;
    }

    private static char[] NotWord(string text) => [.. text.ToLowerInvariant().Where(c => !char.IsLetterOrDigit(c)).Distinct()];

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max];

    private static IEnumerable<string> Unreasoned(List<object> appended, DecisionSource source) =>
        source.Votes.Where(v => v.Stage == Stage.FullText && v.Decision == Decision.Exclude && v.Reasons.Count == 0)
            .Select(v => $"line {v.Line}: record {v.SourceRecordId} excluded at full text without a reason; recorded as it was");

    private static StageSummary Summary(List<object> appended, Stage stage, DecisionSource source, Dictionary<string, string> codes)
    {
        var votes = appended.OfType<ScreeningVoteCast>().Where(v => v.Stage == stage).ToList();
        return new StageSummary(source.ReviewersPerRecord, votes.Count, votes.Count(v => v.IsRevision),
            [.. source.Votes.Where(v => v.Stage == stage).SelectMany(v => v.Reasons).Distinct().Select(r => codes[r]).Order(StringComparer.Ordinal)]);
    }
}
