using EventReview.Hosting;
using EventReview.Records;
using EventReview.Reviews;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace EventReview.Prisma;

/// <summary>Where the flow's inputs come from: the live record documents, or the events up to a past moment.</summary>
public static class PrismaQueries
{
    private const string Table = EventStoreSetup.Schema + ".mt_doc_recordstate";

    public static async Task<PrismaFlow> LiveAsync(NpgsqlDataSource db, Review review, CancellationToken ct)
    {
        var tallies = new List<RecordTally>();
        // A withdrawn search's records leave the flow, as PrismaCounting leaves them out of a folded one.
        var withdrawn = review.WithdrawnSearchIds();
        // Most records need only their source and status (read from the status index); the reason is read from the
        // document only for the few that carry one.
        await using (var command = db.CreateCommand($"""
            select search_id, status, null, count(*) from {Table}
            where review_id = $1 and search_id <> all($3) and status <> all($2) group by 1, 2
            union all
            select search_id, status,
                   case status when '{RecordStatus.Removed}' then data ->> 'removal' else data -> 'fullText' ->> 'outcomeReason' end,
                   count(*)
            from {Table} where review_id = $1 and search_id <> all($3) and status = any($2) group by 1, 2, 3
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = review.Id });
            command.Parameters.Add(new NpgsqlParameter { Value = new[] { RecordStatus.Removed, RecordStatus.ExcludedFullText } });
            command.Parameters.Add(new NpgsqlParameter { Value = withdrawn });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                tallies.Add(new RecordTally(reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), (int)reader.GetInt64(3)));
        }

        await using var studies = db.CreateCommand(
            $"select count(distinct coalesce(data ->> 'studyId', id::text)) from {Table} where review_id = $1 and search_id <> all($2) and status = '{RecordStatus.Included}'");
        studies.Parameters.Add(new NpgsqlParameter { Value = review.Id });
        studies.Parameters.Add(new NpgsqlParameter { Value = withdrawn });
        var included = (int)(long)(await studies.ExecuteScalarAsync(ct))!;
        return PrismaCounting.Flow(review, tallies, included);
    }

    /// <summary>
    /// The review and its records as they stood after the last event at or before the given time or sequence. With
    /// <paramref name="sourceClock"/>, <paramref name="asOf"/> is read by the source's clock of imported decisions: each
    /// stream is cut where <see cref="SourceClock"/> cuts a record's trail.
    /// </summary>
    public static async Task<(Review? Review, IReadOnlyCollection<RecordState> Records)> AsOfAsync(
        IQuerySession session, Guid reviewId, DateTimeOffset? asOf, long? sequence, CancellationToken ct, bool sourceClock = false)
    {
        var events = await ReviewEventQuery.LoadAsync(session, reviewId, ct, sourceClock ? null : asOf, sequence);
        if (sourceClock) events = [.. events.GroupBy(e => e.StreamId).SelectMany(stream => SourceClock.Until(stream, asOf, true))];
        var review = events.Where(e => e.StreamId == reviewId).Aggregate((Review?)null, ReviewFold.Apply);
        return (review, RecordFold.FoldAll(events.Where(e => e.StreamId != reviewId)));
    }
}
