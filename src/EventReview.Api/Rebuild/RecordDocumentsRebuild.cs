using System.Threading.Channels;
using EventReview.Hosting;
using EventReview.Records;
using Marten;
using Marten.Events;
using Npgsql;

namespace EventReview.Rebuild;

/// <summary>
/// Rebuilds the record documents from the record streams' events: one read of those events in stream order (the
/// stream-and-version index gives the order), the same pure fold the live projection applies, and the documents
/// written back with one COPY, all in one transaction. Each stream is folded as it is read, so memory stays flat
/// whatever the number of records. The bibliographic record is left in the database: the document does not hold it.
/// The truncate locks the record table until the transaction commits, so votes wait for the rebuild (about 40 s per
/// million events here); a rebuild is maintenance, run when the store is quiet.
/// </summary>
public static class RecordDocumentsRebuild
{
    private const string Schema = EventStoreSetup.Schema;

    /// <returns>How many record documents were written.</returns>
    public static async Task<long> RunAsync(IDocumentStore store, CancellationToken ct)
    {
        var serializer = store.Options.Serializer();
        var events = (EventGraph)store.Options.Events;
        var types = EventTypes.ByStoredName(store);

        await using var writing = store.Storage.Database.CreateConnection();
        await using var reading = store.Storage.Database.CreateConnection();
        await writing.OpenAsync(ct);
        await reading.OpenAsync(ct);
        await using var transaction = await writing.BeginTransactionAsync(ct);
        await using (var truncate = new NpgsqlCommand($"truncate {Schema}.mt_doc_recordstate", writing))
            await truncate.ExecuteNonQueryAsync(ct);

        await using var read = new NpgsqlCommand($"""
            select e.stream_id, e.version, e.type, e.timestamp, case when e.type = $2 then e.data - 'record' else e.data end
            from {Schema}.mt_events e join {Schema}.mt_streams s on s.id = e.stream_id
            where s.type = $1
            order by e.stream_id, e.version
            """, reading);
        read.Parameters.Add(new NpgsqlParameter { Value = events.AggregateAliasFor(typeof(RecordState)) });
        read.Parameters.Add(new NpgsqlParameter { Value = events.EventMappingFor(typeof(RecordImported)).EventTypeName });

        // Folding (reading and deserializing events) and writing (serializing documents into the COPY) run side by
        // side, joined by a bounded queue of finished documents.
        var folded = Channel.CreateBounded<RecordState>(new BoundedChannelOptions(4_096) { SingleReader = true, SingleWriter = true });
        var folding = Task.Run(async () =>
        {
            try
            {
                await using var reader = await read.ExecuteReaderAsync(ct);
                RecordState? current = null;
                var currentStream = Guid.Empty;
                while (await reader.ReadAsync(ct))
                {
                    var streamId = reader.GetGuid(0);
                    if (streamId != currentStream)
                    {
                        if (current is not null) await folded.Writer.WriteAsync(current, ct);
                        (current, currentStream) = (null, streamId);
                    }
                    var e = events.BuildEvent(serializer.FromJson(types[reader.GetString(2)], reader, 4));
                    e.StreamId = streamId;
                    e.Version = reader.GetInt64(1);
                    e.Timestamp = reader.GetFieldValue<DateTimeOffset>(3);
                    current = RecordFold.Apply(current, e);
                }
                if (current is not null) await folded.Writer.WriteAsync(current, ct);
                folded.Writer.Complete();
            }
            catch (Exception failure)
            {
                folded.Writer.Complete(failure);
            }
        }, ct);

        long written = 0;
        await using (var copy = await writing.BeginBinaryImportAsync($"copy {RecordDocumentCopy.Target} from stdin (format binary, freeze)", ct))
        {
            await foreach (var state in folded.Reader.ReadAllAsync(ct))
            {
                await copy.StartRowAsync(ct);
                await RecordDocumentCopy.WriteAsync(copy, state, serializer, ct);
                written++;
            }
            await folding;
            await copy.CompleteAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return written;
    }
}
