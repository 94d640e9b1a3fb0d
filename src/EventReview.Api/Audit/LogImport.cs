using System.Text.Json;
using EventReview.Hosting;
using EventReview.Rebuild;
using Marten;
using Npgsql;

namespace EventReview.Audit;

public sealed record LogImportReport(
    Guid ReviewId, int Events, string SourceHead, string ImportedHead, IReadOnlyDictionary<string, string> Fingerprints);

/// <summary>
/// Replays an exported log into this database. The log's chain is verified first and a broken log is refused.
/// Each event is appended with its original stream, version, actor, time and correlation id, so the chain the
/// target computes is identical to the source's, and so is every projection.
/// </summary>
public static class LogImport
{
    public static async Task<LogImportReport> ImportAsync(IDocumentStore store, NpgsqlDataSource db, string path, CancellationToken ct)
    {
        var source = Verify(path);
        var reviewId = ReviewIdOf(path);
        if (await EventLog.StreamExistsAsync(db, reviewId, ct))
            throw new InvalidOperationException($"Review {reviewId} already exists in this database; import the log into another database.");

        var types = EventTypes.ByStoredName(store);
        var serializer = store.Options.Serializer();
        var count = 0;
        using var reader = File.OpenText(path);
        // Consecutive events recorded at the same instant with the same correlation were one transaction; replay them as one.
        foreach (var group in Consecutive(EventLogNdjson.Read(reader).Events))
        {
            await using var session = store.LightweightSession();
            session.CorrelationId = group[0].CorrelationId;
            session.CausationId = group[0].CausationId;
            using (MicrosecondClock.Replay(group[0].Timestamp))
            {
                // Within one transaction Marten numbers events stream by stream, so replaying them grouped the same way
                // reproduces the original order.
                foreach (var stream in group.GroupBy(e => e.StreamId))
                {
                    var events = stream.Select(e => Deserialize(serializer, types, e)).ToArray();
                    var streamId = Guid.Parse(stream.Key);
                    var first = stream.First();
                    if (first.StreamVersion == 1) session.Events.StartStream(EventTypes.StreamTypeFor(events[0]), streamId, events);
                    else session.Events.Append(streamId, stream.Last().StreamVersion, events);
                }
                await session.SaveChangesAsync(ct);
            }
            count += group.Count;
        }

        var imported = EventLog.Verify(db, reviewId);
        // A log exported before hash format 2 is re-hashed in format 2 here, so only its events, not its head, carry over.
        if (!imported.Intact || (CurrentFormat(path) && imported.Head != source.Head))
            throw new InvalidOperationException("The imported log does not reproduce the source chain: " + (imported.FirstFailure?.Message ?? "heads differ"));
        return new LogImportReport(reviewId, count, source.Head, imported.Head, await ProjectionFingerprints.ComputeAsync(db, reviewId, ct));
    }

    private static object Deserialize(Marten.ISerializer serializer, IReadOnlyDictionary<string, Type> types, ChainedEvent e) =>
        types.TryGetValue(e.EventType, out var type)
            ? serializer.FromJson(type, new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(e.Data)))
            : throw new InvalidOperationException($"The log holds an event type this version does not know: {e.EventType}.");

    private static VerificationReport Verify(string path)
    {
        using var reader = File.OpenText(path);
        var report = ChainVerifier.Verify(EventLogNdjson.Read(reader).Events);
        if (!report.Intact)
            throw new InvalidOperationException($"The log is broken and was not imported: {report.FirstFailure?.Message}");
        if (report.EventsChecked == 0) throw new InvalidOperationException("The log holds no events.");
        return report;
    }

    private static bool CurrentFormat(string path)
    {
        using var reader = File.OpenText(path);
        return EventLogNdjson.Read(reader).Events.All(e => e.HashFormat == CanonicalEvent.CurrentFormat);
    }

    private static Guid ReviewIdOf(string path)
    {
        using var reader = File.OpenText(path);
        var contents = EventLogNdjson.Read(reader);
        if (contents.Header is { } header && Guid.TryParse(header.ReviewId, out var id)) return id;
        var first = contents.Events.First();
        return first.Data.TryGetProperty("reviewId", out var review) && review.TryGetGuid(out var fromData)
            ? fromData
            : throw new InvalidOperationException("The log names no review.");
    }

    private static IEnumerable<List<ChainedEvent>> Consecutive(IEnumerable<ChainedEvent> events)
    {
        var group = new List<ChainedEvent>();
        foreach (var e in events)
        {
            if (group.Count > 0 && (group[0].Timestamp != e.Timestamp || group[0].CorrelationId != e.CorrelationId || group[0].CausationId != e.CausationId || group.Count >= 1_000))
            {
                yield return group;
                group = [];
            }
            group.Add(e);
        }
        if (group.Count > 0) yield return group;
    }
}
