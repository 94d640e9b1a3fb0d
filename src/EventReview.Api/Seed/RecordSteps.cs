using EventReview.Records;
using EventReview.Reviews;
using EventReview.Rules;
using Marten;

namespace EventReview.Seed;

/// <summary>A rule refused a step of a scripted load: the script and the rules disagree, so the load stops.</summary>
public sealed class SeedLoadException(string message) : Exception(message);

/// <summary>
/// Applies one scripted step to many records the way the HTTP commands do, without HTTP: the record is read as
/// committed, the product's pure rule decides, and its events are appended at the version read (a concurrent
/// change fails the batch). One transaction per <see cref="RecordImporter.BatchSize"/> records keeps a load of
/// thousands of decisions to a few seconds; the hash chain and the inline projections run as for any append.
/// </summary>
public sealed class RecordSteps(IDocumentStore store, Guid reviewId, string correlationId)
{
    public int EventsAppended { get; private set; }

    /// <summary>
    /// <paramref name="decide"/> returns null when the step is already done for the record (so a load that stopped
    /// halfway can be run again), else the rule's outcome; a refusal stops the load.
    /// </summary>
    public async Task ApplyAsync(string step, IEnumerable<Guid> recordIds, Func<Review, RecordState, RuleOutcome?> decide, CancellationToken ct)
    {
        foreach (var batch in recordIds.Chunk(RecordImporter.BatchSize))
        {
            await using var session = OpenSession();
            var review = await session.LoadAsync<Review>(reviewId, ct)
                ?? throw new SeedLoadException($"The review {reviewId} does not exist.");
            var records = await session.LoadManyAsync<RecordState>(ct, batch);
            var outcomes = new List<(RecordState Record, RuleOutcome Outcome)>();
            foreach (var record in records)
            {
                if (decide(review, record) is not { } outcome) continue;
                if (outcome.Refused is { } refused) throw Refused(step, record, refused);
                outcomes.Add((record, outcome));
            }

            // Events a rule adds to other records (the record a duplicate keeps) go to those records at their version.
            var versions = records.ToDictionary(r => r.Id, r => r.Version);
            var others = outcomes.SelectMany(o => o.Outcome.Events.OfType<IRecordEvent>()).Select(e => e.RecordId)
                .Where(id => !versions.ContainsKey(id)).Distinct().ToArray();
            if (others.Length > 0)
                foreach (var other in await session.LoadManyAsync<RecordState>(ct, others)) versions[other.Id] = other.Version;
            foreach (var (record, outcome) in outcomes) Append(session, versions, record, outcome.Events);
            await SaveAsync(session, ct);
        }
    }

    public IDocumentSession OpenSession()
    {
        var session = store.LightweightSession();
        session.CorrelationId = correlationId;
        return session;
    }

    public void Append(IDocumentSession session, string step, RecordState record, RuleOutcome outcome)
    {
        if (outcome.Refused is { } refused) throw Refused(step, record, refused);
        Append(session, new Dictionary<Guid, long> { [record.Id] = record.Version }, record, outcome.Events);
    }

    /// <summary>Each event to the record it names, after the events already pending for it in this session, at the version read.</summary>
    private static void Append(IDocumentSession session, Dictionary<Guid, long> versionsRead, RecordState record, IReadOnlyList<object> events)
    {
        foreach (var group in events.GroupBy(e => e is IRecordEvent r ? r.RecordId : record.Id))
        {
            if (!versionsRead.TryGetValue(group.Key, out var version))
                throw new SeedLoadException($"A step on record {record.Id} appends to record {group.Key}, which does not exist.");
            var pending = session.PendingChanges.Streams().FirstOrDefault(s => s.Id == group.Key)?.Events.Count ?? 0;
            session.Events.Append(group.Key, version + pending + group.Count(), [.. group]);
        }
    }

    public async Task SaveAsync(IDocumentSession session, CancellationToken ct)
    {
        var pending = session.PendingChanges.Streams().Sum(s => s.Events.Count);
        if (pending == 0) return;
        await session.SaveChangesAsync(ct);
        EventsAppended += pending;
    }

    private static SeedLoadException Refused(string step, RecordState record, Refusal refused) =>
        new($"{step} was refused for record {record.Id} (imported as {record.ImportKey}): {refused}");
}
