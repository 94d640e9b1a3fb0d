using System.Security.Claims;
using System.Text.Json.Serialization;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Records;
using EventReview.Reviews;
using EventReview.Rules;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Signatures;

public sealed record SignOff([property: JsonRequired] SignatureScope Scope, string Meaning);

public sealed record SignedOff(SignatureScope Scope, string Meaning, string StateHash, int Records, Actor SignedBy);

public static class SignOffEndpoint
{
    public static ProblemDetails Validate(SignOff command) => Problems.FirstOf(Problems.CheckText(command.Meaning, "meaning", 500));

    /// <summary>A lead signs off a stage or the final included set, bound to the hash of exactly the records it covers as they stand.</summary>
    public static RuleOutcome Decide(Review review, IReadOnlyList<RecordState> records, SignOff command, Actor by)
    {
        if (ReviewAccess.Refuse(review, by.Id, Role.Lead) is { } denied) return denied;
        var entries = SignedState.Entries(records, command.Scope);
        if (entries.Count == 0)
            return Refusal.Broken("nothing-to-sign", "No record is decided in this scope yet; there is nothing to sign.");
        return RuleOutcome.Append(new SignatureRecorded(review.Id, command.Scope, command.Meaning.Trim(),
            SignedState.Hash(review.Id, command.Scope, records), entries.Count, by));
    }

    [WolverinePost("/api/reviews/{reviewId}/signatures"), Tags("Audit")]
    public static Task<IResult> Post(Guid reviewId, SignOff command, ClaimsPrincipal user, IDocumentSession session, HttpContext http,
        CancellationToken ct) =>
        ReviewCommand.ExecuteAsync(session, http, reviewId, user,
            // Only a lead's sign-off holds the review's records still; anyone else's is refused without reading them.
            async (review, by) => Decide(review, review.Has(by.Id, Role.Lead) ? await ReadHeldStillAsync(session, reviewId, ct) : [], command, by),
            (_, events) =>
            {
                var s = events.OfType<SignatureRecorded>().Single();
                return Results.Ok(new SignedOff(s.Scope, s.Meaning, s.StateHash, s.Records, s.By));
            }, ct);

    /// <summary>
    /// Every record stream of the review, share-locked in id order, so no append to any of them is in flight or can
    /// start until the signature commits (appends lock their stream's row before taking a sequence number; see
    /// EventStoreSetup). The signed records are read after the locks are held, in the same transaction.
    /// </summary>
    private const string LockRecordStreams =
        "select s.id from " + EventStoreSetup.Schema + ".mt_streams s join " + EventStoreSetup.Schema + ".mt_doc_recordstate d on d.id = s.id "
        + "where d.review_id = ? order by s.id for share of s";

    /// <summary>
    /// The review's records as the log's order will reproduce them before the signature. A plain read would see a
    /// consistent state, but a vote that took its sequence number before the signature and committed after the read
    /// would fall before the signature in the log without being in the signed state, and the signature would fail
    /// verification; holding every record stream until the signature commits leaves no such vote.
    /// </summary>
    private static async Task<IReadOnlyList<RecordState>> ReadHeldStillAsync(IDocumentSession session, Guid reviewId, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await session.QueryAsync<Guid>(LockRecordStreams, ct, reviewId);
        return await session.Query<RecordState>().Where(r => r.ReviewId == reviewId).ToListAsync(ct);
    }
}
