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
    private const int InFlight = 2;

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
        // Up to two batches are written while the next is parsed, so the parser, the preparation of rows and
        // PostgreSQL work at the same time. Each batch is its own transaction, so a failure leaves only whole batches,
        // and results are taken in upload order.
        var writing = new Queue<Task<(IReadOnlyList<Guid> Added, int Skipped)>>();

        async Task CommitOldestAsync()
        {
            var (added, skipped) = await writing.Dequeue();
            imported += added.Count;
            present += skipped;
            ids.AddRange(added.Take(MaxIdsReturned + 1 - ids.Count));
        }

        async Task FlushAsync()
        {
            if (batch.Count == 0) return;
            if (writing.Count == InFlight) await CommitOldestAsync();
            writing.Enqueue(AppendBatchAsync(store, reviewId, searchId, batch, by, correlationId, ct));
            batch = new(BatchSize);
        }

        try
        {
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
            while (writing.Count > 0) await CommitOldestAsync();
        }
        catch
        {
            // Nothing is left writing once the import reports its failure: batches already sent finish, whole, first.
            await ((Task)Task.WhenAll(writing)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        return new ImportSummary(imported, present, errors, ids.Count <= MaxIdsReturned ? ids : null);
    }

    private static async Task<(IReadOnlyList<Guid> Added, int Skipped)> AppendBatchAsync(
        IDocumentStore store, Guid reviewId, Guid searchId, List<(string Key, int Ordinal, BibRecord Record)> batch, Actor by,
        string? correlationId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var keys = batch.Select(b => b.Key).ToArray();
        var existing = (await session.Query<RecordState>()
                .Where(r => r.SearchId == searchId && r.ImportKey.IsOneOf(keys))
                .Select(r => r.ImportKey)
                .ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);

        var added = batch.Where(b => !existing.Contains(b.Key))
            .Select(b => new NewRecord(Guid.CreateVersion7(), b.Key, b.Ordinal, b.Record))
            .ToList();
        await new RecordBulkAppend(store).AppendAsync(reviewId, searchId, added, by, correlationId, ct);
        return ([.. added.Select(r => r.Id)], batch.Count - added.Count);
    }
}
