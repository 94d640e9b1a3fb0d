using EventReview.Hosting;
using Npgsql;

namespace EventReview.Audit;

/// <summary>What a review's verification route can afford on every call: the review's chains, each of its sealed events
/// against its leaf, no unsealed event of it inside the sealed range, and the newest tree head's signature. The whole
/// tree is recomputed by `eventreview verify`.</summary>
public static class ReviewAudit
{
    private const string Seals = $"""
        select e.seq_id, e.stream_id::text, e.version, s.leaf, l.data ->> 'hash' = encode(s.hash, 'hex')
        from {EventStoreSetup.Schema}.mt_events e {EventLog.LinkJoin}
        left join {SealedLeaves.Table} s on s.seq_id = e.seq_id
        where e.data ->> 'reviewId' = $1
          and (s.leaf is null and e.seq_id < (select max(seq_id) from {SealedLeaves.Table})
               or s.leaf is not null and l.data ->> 'hash' is distinct from encode(s.hash, 'hex'))
        order by e.seq_id limit 1
        """;

    public static async Task<AuditFinding?> CheckSealsAsync(NpgsqlDataSource db, Guid reviewId, CancellationToken ct)
    {
        await using var command = db.CreateCommand(Seals);
        command.Parameters.Add(new NpgsqlParameter { Value = reviewId.ToString("D") });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        var (sequence, stream, version) = (reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2));
        var message = reader.IsDBNull(3)
            ? $"Sequence {sequence} (stream {stream}, version {version}) lies inside the sealed range but was never sealed: it was inserted afterwards."
            : $"Sequence {sequence} (stream {stream}, version {version}) no longer has the hash it was sealed with.";
        return new AuditFinding(AuditFindingKind.Seal, sequence, stream, version, message, AuditActions.Investigate);
    }
}
