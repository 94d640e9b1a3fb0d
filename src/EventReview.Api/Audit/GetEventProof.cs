using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Reviews;
using EventReview.Rules;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;

namespace EventReview.Audit;

/// <summary>
/// An inclusion proof for one of the review's events: its leaf in the sealed tree and the RFC 9162 audit path to the
/// newest signed tree head, which anyone holding the public seal key can check (docs/audit.md). The event is named by
/// its sequence number (as in the exported log) or its event id.
/// </summary>
public static class GetEventProofEndpoint
{
    private const string Find = $"""
        select e.seq_id, s.leaf
        from {EventStoreSetup.Schema}.mt_events e
        left join {SealedLeaves.Table} s on s.seq_id = e.seq_id
        where e.data ->> 'reviewId' = $1 and (e.seq_id = $2 or e.id = $3)
        """;

    [WolverineGet("/api/reviews/{reviewId}/events/{eventId}/proof", OperationId = "getEventProof", Summary = "A Merkle inclusion proof of one event in the newest signed tree head."), Tags("Audit")]
    [ProducesResponseType<InclusionProof>(200)]
    [ProducesResponseType<ProblemDetails>(403, "application/problem+json")]
    public static async Task<IResult> Get(Guid reviewId, string eventId, ClaimsPrincipal user, IQuerySession session, NpgsqlDataSource db,
        CancellationToken ct)
    {
        var (_, problem) = await ReviewAccess.LoadAsync(session, reviewId, user, ct, Role.Lead, Role.Auditor);
        if (problem is not null) return problem.ToResult();
        var sequence = long.TryParse(eventId, out var n) ? n : -1;
        var id = Guid.TryParse(eventId, out var g) ? g : Guid.Empty;
        if (sequence < 0 && id == Guid.Empty)
            return Refusal.Invalid("Name the event by its sequence number or its event id.").ToResult();

        await using var command = db.CreateCommand(Find);
        command.Parameters.Add(new NpgsqlParameter { Value = reviewId.ToString("D") });
        command.Parameters.Add(new NpgsqlParameter { Value = sequence });
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        long? leaf;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct)) return Refusal.NotFound($"The review has no event {eventId}.").ToResult();
            leaf = reader.IsDBNull(1) ? null : reader.GetInt64(1);
        }
        var head = await SealStore.NewestTreeHeadAsync(db, ct);
        if (leaf is null || head is null || leaf >= head.Size)
            return Refusal.Broken("not-yet-sealed", "The event is not yet covered by a signed tree head; ask again in a few seconds.").ToResult();
        return Results.Ok(await SealedTree.ProveInclusionAsync(db, leaf.Value, head, ct));
    }
}
