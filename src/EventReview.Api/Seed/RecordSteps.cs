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
            foreach (var record in records)
            {
                if (decide(review, record) is not { } outcome) continue;
                Append(session, step, record, outcome);
            }
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
        if (outcome.Events.Count == 0) return;
        session.Events.Append(record.Id, record.Version + outcome.Events.Count, [.. outcome.Events]);
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
