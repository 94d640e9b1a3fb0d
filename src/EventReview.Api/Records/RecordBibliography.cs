using EventReview.Records.Parsing;
using Marten;

namespace EventReview.Records;

/// <summary>
/// Each record's bibliographic data, read from the event that imported it (the first of its stream): stored once,
/// in the log, and never copied into the record document.
/// </summary>
public static class RecordBibliography
{
    private const int IdsPerQuery = 5_000;

    public static async Task<IReadOnlyDictionary<Guid, BibRecord>> LoadAsync(IQuerySession session, IEnumerable<Guid> recordIds,
        CancellationToken ct)
    {
        var found = new Dictionary<Guid, BibRecord>();
        foreach (var ids in recordIds.Distinct().Chunk(IdsPerQuery))
        {
            var imports = await session.Events.QueryAllRawEvents()
                .Where(e => e.StreamId.IsOneOf(ids) && e.Version == 1)
                .ToListAsync(ct);
            foreach (var e in imports)
                if (e.Data is RecordImported imported) found[e.StreamId] = imported.Record;
        }
        return found;
    }
}
