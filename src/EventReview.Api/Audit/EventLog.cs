using System.Runtime.CompilerServices;
using System.Text.Json;
using EventReview.Hosting;
using Npgsql;

namespace EventReview.Audit;

/// <summary>
/// Reads the stored events with their stored hashes straight from PostgreSQL, without Marten, so the verifier
/// sees exactly what is in the tables and nothing a library could reinterpret.
/// </summary>
public static class EventLog
{
    private const string Sql = $"""
        select e.seq_id, e.stream_id, e.version, e.type, e.data::text, e.timestamp, e.correlation_id,
               l.data ->> 'previousHash', l.data ->> 'hash'
        from {EventStoreSetup.Schema}.mt_events e
        left join {EventStoreSetup.Schema}.mt_doc_chainlink l on l.id = e.stream_id::text || ':' || e.version
        where (@review::text is null or e.data ->> 'reviewId' = @review::text)
        order by e.seq_id
        """;

    public static async IAsyncEnumerable<ChainedEvent> ReadAsync(
        NpgsqlDataSource db, Guid? reviewId, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var command = db.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter("review", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)reviewId?.ToString("D") ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            using var data = JsonDocument.Parse(reader.GetString(4));
            var root = data.RootElement.Clone();
            var by = EventChainListener.ActorOf(root);
            yield return new ChainedEvent(
                reader.GetInt64(0),
                reader.GetGuid(1).ToString("D"),
                reader.GetInt64(2),
                reader.GetString(3),
                root,
                by.Id,
                by.Name,
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? "" : reader.GetString(7),
                reader.IsDBNull(8) ? "" : reader.GetString(8));
        }
    }

    public static VerificationReport Verify(NpgsqlDataSource db, Guid? reviewId, Checkpoint? checkpoint = null) =>
        ChainVerifier.Verify(ReadAsync(db, reviewId).ToBlockingEnumerable(), checkpoint);
}
