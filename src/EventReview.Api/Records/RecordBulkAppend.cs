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

/// <summary>
/// A record about to be imported: its new id, its import key, its place in the upload and the events that follow its import
/// in the same stream (an imported project's replayed decisions), none for a plain import.
/// </summary>
public sealed record NewRecord(Guid Id, string ImportKey, int Ordinal, BibRecord Record, IReadOnlyList<object>? Following = null);

/// <summary>
/// Starts one stream per imported record with one binary COPY per table, all in one transaction: exactly the rows
/// Marten's own append writes (the stream at its last version, its events from version 1 on, the record document folded
/// over all of them, each event's chain link on the previous one's hash), but five statements per batch instead of
/// several per record. Imports are the one write that comes in thousands at once; every other write goes through
/// Marten's session, and the tests hold the two paths to the same result (the stored document equals the fold of the
/// events, the chain verifies, a rebuild changes nothing).
/// </summary>
public sealed class RecordBulkAppend(IDocumentStore store)
{
    private static readonly string Schema = EventStoreSetup.Schema;
    private readonly EventGraph events = (EventGraph)store.Options.Events;
    private readonly Marten.ISerializer serializer = store.Options.Serializer();

    private sealed record Row(IEvent Event, string Data, ChainLink Link);

    private sealed record NewStream(Guid Id, List<Row> Rows, RecordState State);

    public async Task AppendAsync(Guid reviewId, Guid searchId, IReadOnlyList<NewRecord> records, Actor by, string? correlationId,
        CancellationToken ct)
    {
        if (records.Count == 0) return;
        var streamType = events.AggregateAliasFor(typeof(RecordState));
        // The database keeps microseconds; the hash and the document must hold exactly what is stored.
        var timestamp = ChainTimestamp.Normalize(events.TimeProvider.GetUtcNow());

        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var sequences = new Queue<long>(await ReserveSequencesAsync(connection, records.Sum(r => 1 + (r.Following?.Count ?? 0)), ct));

        var streams = records.Select(r => StreamOf(r,
            new RecordImported(reviewId, r.Id, searchId, r.ImportKey, r.Ordinal, r.Record, by), timestamp, correlationId, sequences)).ToList();
        // One transaction seal for the whole batch.
        var (batch, links) = ChainBatch.Seal(EventChainListener.SealKeyOf(store), [.. streams.SelectMany(s => s.Rows).Select(r => r.Link)]);

        await CopyAsync(connection, $"{Schema}.mt_streams (id, type, version, tenant_id)", streams, async (w, stream) =>
        {
            await w.WriteAsync(stream.Id, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(streamType, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync((long)stream.Rows.Count, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(StorageConstants.DefaultTenantId, NpgsqlDbType.Varchar, ct);
        }, ct);
        await CopyAsync(connection,
            $"{Schema}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, correlation_id, headers)",
            streams.SelectMany(s => s.Rows), async (w, row) =>
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
        await CopyAsync(connection, RecordDocumentCopy.Target, streams, (w, stream) => RecordDocumentCopy.WriteAsync(w, stream.State, serializer, ct), ct);
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

    /// <summary>
    /// One record's events at versions 1..n with their sequence numbers, each chained on the previous one's hash as
    /// <see cref="EventChainListener"/> chains a session's append, and the record document folded over all of them.
    /// </summary>
    private NewStream StreamOf(NewRecord record, RecordImported imported, DateTimeOffset timestamp, string? correlationId, Queue<long> sequences)
    {
        var rows = new List<Row>(1 + (record.Following?.Count ?? 0));
        var previous = HashChain.Genesis(record.Id.ToString("D"));
        RecordState? state = null;
        foreach (var data in (IEnumerable<object>)[imported, .. record.Following ?? []])
        {
            var e = events.BuildEvent(data);
            (e.Id, e.StreamId, e.Version, e.Sequence, e.Timestamp, e.CorrelationId) =
                (Guid.CreateVersion7(), record.Id, rows.Count + 1, sequences.Dequeue(), timestamp, correlationId);
            var json = serializer.ToJson(data);
            using var parsed = JsonDocument.Parse(json);
            var link = EventChainListener.Link(e, record.Id, parsed.RootElement, null, previous);
            rows.Add(new Row(e, json, link));
            previous = link.Hash;
            state = RecordFold.Apply(state, e);
        }
        return new NewStream(record.Id, rows, state!);
    }

    /// <summary>As many event sequence numbers as there are events, in increasing order, as Marten reserves them.</summary>
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
