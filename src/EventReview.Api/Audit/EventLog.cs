using System.Runtime.CompilerServices;
using System.Text.Json;
using EventReview.Hosting;
using Npgsql;

namespace EventReview.Audit;

/// <summary>
/// Reads the stored events with their stored hashes straight from PostgreSQL, without Marten, so the verifier
/// sees exactly what is in the tables and nothing a library could reinterpret: every column a read shows.
/// </summary>
public static class EventLog
{
    /// <summary>The columns <see cref="Read"/> maps, in its order; <c>e</c> is mt_events and <c>l</c> the chain link.</summary>
    private const string Columns = """
        e.seq_id, e.stream_id, e.version, e.type, e.data::text, e.timestamp, e.correlation_id,
        l.data ->> 'previousHash', l.data ->> 'hash', e.causation_id, e.headers::text, e.tenant_id, e.is_archived,
        coalesce((l.data ->> 'format')::int, 1)
        """;

    public const string LinkJoin = $"left join {EventStoreSetup.Schema}.mt_doc_chainlink l on l.id = e.stream_id::text || ':' || e.version";

    /// <summary>
    /// Marten's placeholders for sequence numbers a failed transaction took (events of type "tombstone" in a stream whose
    /// row has no type): written by Marten, never by a command, and not evidence. They are neither chained nor sealed;
    /// turning a sealed event into one is still found, as that sealed event is then missing.
    /// </summary>
    public const string Tombstone = "tombstone";

    public const string NotTombstone = "e.type <> '" + Tombstone + "'";

    private const string Sql = $"""
        select {Columns}
        from {EventStoreSetup.Schema}.mt_events e {LinkJoin}
        where (@review::text is null or e.data ->> 'reviewId' = @review::text) and {NotTombstone}
        order by e.seq_id
        """;

    public static async IAsyncEnumerable<ChainedEvent> ReadAsync(
        NpgsqlDataSource db, Guid? reviewId, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var command = db.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter("review", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)reviewId?.ToString("D") ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) yield return Read(reader);
    }

    /// <summary>One row selected with <see cref="Columns"/>. A missing link reads as empty hashes, which never verify.</summary>
    private static ChainedEvent Read(NpgsqlDataReader reader)
    {
        using var data = JsonDocument.Parse(reader.GetString(4));
        var root = data.RootElement.Clone();
        var by = EventChainListener.ActorOf(root);
        JsonElement? headers = null;
        if (!reader.IsDBNull(10))
        {
            using var parsed = JsonDocument.Parse(reader.GetString(10));
            if (parsed.RootElement.ValueKind != JsonValueKind.Null) headers = parsed.RootElement.Clone();
        }
        return new ChainedEvent(
            reader.GetInt64(0),
            reader.GetGuid(1).ToString("D"),
            reader.GetInt64(2),
            reader.GetString(3),
            root,
            by.Id,
            by.Name,
            reader.GetFieldValue<DateTimeOffset>(5),
            Text(reader, 6),
            Text(reader, 7) ?? "",
            Text(reader, 8) ?? "",
            Text(reader, 9),
            headers,
            Text(reader, 11) ?? "",
            reader.GetBoolean(12),
            reader.GetInt32(13));
    }

    private static string? Text(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    /// <summary>Whether the store holds a stream with this id (a review's stream has the review's id).</summary>
    public static async Task<bool> StreamExistsAsync(NpgsqlDataSource db, Guid streamId, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"select exists(select 1 from {EventStoreSetup.Schema}.mt_streams where id = $1)");
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    public static VerificationReport Verify(NpgsqlDataSource db, Guid? reviewId) =>
        ChainVerifier.Verify(ReadAsync(db, reviewId).ToBlockingEnumerable());
}
