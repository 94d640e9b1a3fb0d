using EventReview.Records;
using EventReview.Reviews;
using JasperFx.Events;
using Marten;

namespace EventReview.Audit;

/// <summary>
/// A review's projection documents against the fold of its events: the membership (who may read and write) first, then
/// every record's state. A document edited in the database, such as a stranger added as a member, is found here.
/// Events and documents are read in one repeatable-read snapshot: a vote committing between two reads would otherwise
/// make an honest document look edited.
/// </summary>
public static class ProjectionCheck
{
    public static async Task<AuditFinding?> CheckAsync(IDocumentStore store, Guid reviewId, CancellationToken ct)
    {
        await using var session = store.LightweightSession(System.Data.IsolationLevel.RepeatableRead);
        await session.BeginTransactionAsync(ct);
        var ownEvents = await session.Events.FetchStreamAsync(reviewId, token: ct);
        var review = ownEvents.Aggregate((Review?)null, ReviewFold.Apply);
        var stored = await session.LoadAsync<Review>(reviewId, ct);
        if (!Same(session, review, stored))
            return Finding(reviewId, $"The review document of {reviewId} (its members, roles and settings) differs from the fold of its events: it was edited.");

        var folded = RecordFold.FoldAll(await ReviewEventQuery.LoadAsync(session, reviewId, ct)).ToDictionary(r => r.Id);
        var documents = await session.Query<RecordState>().Where(r => r.ReviewId == reviewId).ToListAsync(ct);
        foreach (var document in documents)
            if (!folded.Remove(document.Id, out var fold) || !Same(session, fold, document))
                return Finding(document.Id, $"The state of record {document.Id} differs from the fold of its events: the document was edited.");
        return folded.Count > 0
            ? Finding(folded.Keys.First(), $"Record {folded.Keys.First()} has events but its document is missing: it was deleted.")
            : null;
    }

    private static bool Same(IQuerySession session, object? a, object? b)
    {
        var serializer = session.DocumentStore.Options.Serializer();
        return a is null || b is null ? a is null && b is null : serializer.ToJson(a) == serializer.ToJson(b);
    }

    private static AuditFinding Finding(Guid stream, string message) =>
        new(AuditFindingKind.Projection, null, stream.ToString("D"), null, message, AuditActions.Rebuild);
}
