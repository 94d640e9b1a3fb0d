using EventReview.Identity;
using EventReview.Records.Parsing;
using Marten;

namespace EventReview.Records;

public sealed record ImportError(int Line, string Message);

public sealed record ImportSummary(int Imported, int AlreadyPresent, IReadOnlyList<ImportError> Errors, IReadOnlyList<Guid>? RecordIds);

/// <summary>
/// Appends parsed records to a search, one transaction per batch: a crash leaves only whole batches, and a
/// repeated upload skips every record already imported (matched by its import key), so it completes the import.
/// </summary>
public static class RecordImporter
{
    public const int BatchSize = 1_000;
    private const int MaxIdsReturned = 10_000;

    public static async Task<ImportSummary> ImportAsync(
        IDocumentStore store, Guid reviewId, Guid searchId, IEnumerable<ParseResult> parsed, Actor by, string? correlationId,
        CancellationToken ct)
    {
        var errors = new List<ImportError>();
        var ids = new List<Guid>();
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        var batch = new List<(string Key, int Ordinal, BibRecord Record)>(BatchSize);
        var ordinal = 0;
        int imported = 0, present = 0;

        async Task FlushAsync()
        {
            if (batch.Count == 0) return;
            var (added, skipped) = await AppendBatchAsync(store, reviewId, searchId, batch, by, correlationId, ids, ct);
            imported += added;
            present += skipped;
            batch.Clear();
        }

        foreach (var result in parsed)
        {
            switch (result)
            {
                case ParseError error:
                    errors.Add(new ImportError(error.Line, error.Message));
                    break;
                case ParsedRecord { Record: var record }:
                    // The same raw record twice in one file is two records; the occurrence number keeps them apart.
                    var n = occurrences[record.RawHash] = occurrences.GetValueOrDefault(record.RawHash) + 1;
                    batch.Add(($"{record.RawHash}#{n}", ++ordinal, record));
                    if (batch.Count == BatchSize) await FlushAsync();
                    break;
            }
        }
        await FlushAsync();
        return new ImportSummary(imported, present, errors, ids.Count <= MaxIdsReturned ? ids : null);
    }

    private static async Task<(int Added, int Skipped)> AppendBatchAsync(
        IDocumentStore store, Guid reviewId, Guid searchId, List<(string Key, int Ordinal, BibRecord Record)> batch, Actor by,
        string? correlationId, List<Guid> ids, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.CorrelationId = correlationId;
        var keys = batch.Select(b => b.Key).ToArray();
        var existing = (await session.Query<RecordState>()
                .Where(r => r.SearchId == searchId && r.ImportKey.IsOneOf(keys))
                .Select(r => r.ImportKey)
                .ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);

        var added = 0;
        foreach (var (key, position, record) in batch)
        {
            if (existing.Contains(key)) continue;
            var id = Guid.CreateVersion7();
            session.Events.StartStream<RecordState>(id, new RecordImported(reviewId, id, searchId, key, position, record, by));
            if (ids.Count <= MaxIdsReturned) ids.Add(id);
            added++;
        }
        if (added > 0) await session.SaveChangesAsync(ct);
        return (added, batch.Count - added);
    }
}
