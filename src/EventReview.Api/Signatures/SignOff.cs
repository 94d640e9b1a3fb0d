using System.Security.Claims;
using System.Text.Json.Serialization;
using EventReview.Audit;
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

public sealed record SignedOff(SignatureScope Scope, string Meaning, string StateHash, int Records, Actor SignedBy, Role Role);

/// <summary>What a signature can cover, read while every record stream is held still.</summary>
public sealed record SignableState(IReadOnlyList<RecordState> Records, IReadOnlyList<(string Event, string Hash)> Log)
{
    public static readonly SignableState None = new([], []);
}

public static class SignOffEndpoint
{
    public static ProblemDetails Validate(SignOff command)
    {
        if (string.IsNullOrWhiteSpace(command.Meaning)) return Problems.Invalid("'meaning' is required.");
        var meaning = command.Meaning.Trim();
        if (!SignatureMeanings.IsKnown(meaning))
            return Problems.Invalid($"'meaning' must be one of: {string.Join(", ", SignatureMeanings.All)} (not '{Shorten(meaning)}').");
        return SignatureMeanings.Fits(meaning, command.Scope)
            ? Problems.None
            : Problems.Invalid("Meaning 'audit' signs the scope 'audit-trail', and only it; the other meanings sign a screening scope.");
    }

    /// <summary>
    /// A lead signs a stage or the final included set, an auditor the review's log, each bound to the hash of exactly
    /// what it covers as it stands, with the role it was given under and when the signer last authenticated.
    /// </summary>
    public static RuleOutcome Decide(Review review, SignableState state, SignOff command, Actor by, DateTimeOffset authenticatedAt)
    {
        var meaning = command.Meaning.Trim();
        var role = SignatureMeanings.RoleFor(meaning);
        if (ReviewAccess.Refuse(review, by.Id, role) is { } denied) return denied;
        var (hash, count) = command.Scope == SignatureScope.AuditTrail
            ? (SignedState.LogHash(review.Id, state.Log), state.Log.Count)
            : (SignedState.Hash(review.Id, command.Scope, state.Records), SignedState.Entries(state.Records, command.Scope).Count);
        if (count == 0)
            return Refusal.Broken("nothing-to-sign", "No record is decided in this scope yet; there is nothing to sign.");
        return RuleOutcome.Append(new SignatureRecorded(review.Id, command.Scope, meaning, hash, count, by, role, authenticatedAt));
    }

    [WolverinePost("/api/reviews/{reviewId}/signatures", OperationId = "signOff", Summary = "Sign the review's current state with a stated meaning."), Tags("Audit")]
    [ProducesResponseType<SignedOff>(200)]
    public static Task<IResult> Post(Guid reviewId, SignOff command, ClaimsPrincipal user, IDocumentSession session, HttpContext http,
        EventReviewOptions options, CancellationToken ct)
    {
        var window = options.Auth.SignatureFreshness;
        var authenticatedAt = StepUp.AuthenticatedAt(user);
        if (StepUp.Refusal(authenticatedAt, DateTimeOffset.UtcNow, window) is { } stale) return Task.FromResult(StepUp.Challenge(stale, window, http));

        var role = SignatureMeanings.RoleFor(command.Meaning.Trim());
        return ReviewCommand.ExecuteAsync(session, http, reviewId, user,
            // Only a signer in the meaning's role holds the review still; anyone else is refused without reading it.
            async (review, by) => Decide(review, review.Has(by.Id, role) ? await ReadHeldStillAsync(session, reviewId, command.Scope, ct) : SignableState.None,
                command, by, authenticatedAt!.Value),
            (_, events) =>
            {
                var s = events.OfType<SignatureRecorded>().Single();
                return Results.Ok(new SignedOff(s.Scope, s.Meaning, s.StateHash, s.Records, s.By, role));
            }, ct);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";

    /// <summary>
    /// Every record stream of the review, share-locked in id order, so no append to any of them is in flight or can
    /// start until the signature commits (appends lock their stream's row before taking a sequence number; see
    /// EventStoreSetup). The signed records are read after the locks are held, in the same transaction.
    /// </summary>
    private const string LockRecordStreams =
        "select s.id from " + EventStoreSetup.Schema + ".mt_streams s join " + EventStoreSetup.Schema + ".mt_doc_recordstate d on d.id = s.id "
        + "where d.review_id = ? order by s.id for share of s";

    /// <summary>
    /// The review's records (or, for the audit trail, its events' chain links) as the log's order will reproduce them
    /// before the signature. A plain read would see a consistent state, but a vote that took its sequence number before
    /// the signature and committed after the read would fall before the signature in the log without being in the
    /// signed state, and the signature would fail verification; holding every record stream until the signature
    /// commits leaves no such vote.
    /// </summary>
    private static async Task<SignableState> ReadHeldStillAsync(IDocumentSession session, Guid reviewId, SignatureScope scope, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await session.QueryAsync<Guid>(LockRecordStreams, ct, reviewId);
        if (scope != SignatureScope.AuditTrail)
            return new SignableState(await session.Query<RecordState>().Where(r => r.ReviewId == reviewId).ToListAsync(ct), []);
        var links = await session.Query<ChainLink>().Where(l => l.ReviewId == reviewId).ToListAsync(ct);
        return new SignableState([], [.. links.Select(l => (l.Id, l.Hash))]);
    }
}
