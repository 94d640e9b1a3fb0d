using System.Text.Json;
using EventReview.Audit;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Records.Parsing;
using JasperFx;
using JasperFx.Events;
using Marten;
using Marten.Events;
using Npgsql;
using NpgsqlTypes;

namespace EventReview.Records;

/// <summary>A record about to be imported: its new id, its import key and its place in the upload.</summary>
public sealed record NewRecord(Guid Id, string ImportKey, int Ordinal, BibRecord Record);

/// <summary>
/// Starts one stream per imported record with one binary COPY per table, all in one transaction: exactly the rows
/// Marten's own append writes (the stream, its first event, the record document at version 1, the event's chain
/// link), but four statements per batch instead of four per record. Imports are the one write that comes in
/// thousands at once; every other write goes through Marten's session, and the tests hold the two paths to the
/// same result (the stored document equals the fold of the events, the chain verifies, a rebuild changes nothing).
/// </summary>
public sealed class RecordBulkAppend(IDocumentStore store)
{
    private static readonly string Schema = EventStoreSetup.Schema;
    private readonly EventGraph events = (EventGraph)store.Options.Events;
    private readonly Marten.ISerializer serializer = store.Options.Serializer();

    public async Task AppendAsync(Guid reviewId, Guid searchId, IReadOnlyList<NewRecord> records, Actor by, string? correlationId,
        CancellationToken ct)
    {
        if (records.Count == 0) return;
        var eventType = events.EventMappingFor(typeof(RecordImported));
        var streamType = events.AggregateAliasFor(typeof(RecordState));
        // The database keeps microseconds; the hash and the document must hold exactly what is stored.
        var timestamp = ChainTimestamp.Normalize(events.TimeProvider.GetUtcNow());

        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var sequences = await ReserveSequencesAsync(connection, records.Count, ct);

        var rows = records.Select((r, i) =>
        {
            var e = new Event<RecordImported>(new RecordImported(reviewId, r.Id, searchId, r.ImportKey, r.Ordinal, r.Record, by))
            {
                Id = Guid.CreateVersion7(), StreamId = r.Id, Version = 1, Sequence = sequences[i], Timestamp = timestamp,
                CorrelationId = correlationId, EventTypeName = eventType.EventTypeName, DotNetTypeName = eventType.DotNetTypeName,
            };
            var data = serializer.ToJson(e.Data);
            using var parsed = JsonDocument.Parse(data);
            var link = EventChainListener.Link(e, r.Id, parsed.RootElement, null, HashChain.Genesis(r.Id.ToString("D")));
            return (Event: e, Data: data, State: RecordFold.Apply(null, e)!, Link: link);
        }).ToList();
        // One transaction seal for the whole batch.
        var (batch, links) = ChainBatch.Seal(EventChainListener.SealKeyOf(store), [.. rows.Select(r => r.Link)]);

        await CopyAsync(connection, $"{Schema}.mt_streams (id, type, version, tenant_id)", rows, async (w, row) =>
        {
            await w.WriteAsync(row.Event.StreamId, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(streamType, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(1L, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(StorageConstants.DefaultTenantId, NpgsqlDbType.Varchar, ct);
        }, ct);
        await CopyAsync(connection,
            $"{Schema}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, correlation_id, headers)", rows,
            async (w, row) =>
            {
                var e = row.Event;
                await w.WriteAsync(e.Sequence, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(e.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(e.StreamId, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(e.Version, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(row.Data, NpgsqlDbType.Jsonb, ct);
                await w.WriteAsync(e.EventTypeName, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(e.Timestamp, NpgsqlDbType.TimestampTz, ct);
                await w.WriteAsync(StorageConstants.DefaultTenantId, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(e.DotNetTypeName, NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(w, e.CorrelationId, ct);
                // Marten's quick append stores absent headers as the JSON null, not SQL NULL.
                await w.WriteAsync("null", NpgsqlDbType.Jsonb, ct);
            }, ct);
        await CopyAsync(connection, RecordDocumentCopy.Target, rows, (w, row) => RecordDocumentCopy.WriteAsync(w, row.State, serializer, ct), ct);
        await CopyAsync(connection, $"{Schema}.mt_doc_chainlink (id, data, mt_dotnet_type)", links, async (w, row) =>
        {
            await w.WriteAsync(row.Id, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(serializer.ToJson(row), NpgsqlDbType.Jsonb, ct);
            await w.WriteAsync(typeof(ChainLink).FullName!, NpgsqlDbType.Varchar, ct);
        }, ct);
        await using (var insert = new NpgsqlCommand($"insert into {Schema}.mt_doc_chainbatch (id, data, mt_dotnet_type) values ($1, $2, $3)", connection))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = batch.Id });
            insert.Parameters.Add(new NpgsqlParameter { Value = serializer.ToJson(batch), NpgsqlDbType = NpgsqlDbType.Jsonb });
            insert.Parameters.Add(new NpgsqlParameter { Value = typeof(ChainBatch).FullName! });
            await insert.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        EventChainListener.Of(store).Committed?.Remember(links);
    }

    /// <summary>As many event sequence numbers as there are records, in increasing order, as Marten reserves them.</summary>
    private static async Task<long[]> ReserveSequencesAsync(NpgsqlConnection connection, int count, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select nextval('{Schema}.mt_events_sequence') from generate_series(1, $1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = count });
        var sequences = new List<long>(count);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) sequences.Add(reader.GetInt64(0));
        sequences.Sort();
        return [.. sequences];
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, string target, IEnumerable<T> rows,
        Func<NpgsqlBinaryImporter, T, Task> write, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync($"copy {target} from stdin (format binary)", ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            await write(writer, row);
        }
        await writer.CompleteAsync(ct);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken ct)
    {
        if (value is null) await writer.WriteNullAsync(ct);
        else await writer.WriteAsync(value, NpgsqlDbType.Varchar, ct);
    }
}
