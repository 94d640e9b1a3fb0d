using EventReview.Audit;
using EventReview.Hosting;
using EventReview.Records;
using JasperFx.Events;
using Marten;

namespace EventReview.Signatures;

/// <summary>
/// One signature as a person reads it (21 CFR 11.50): the signer's printed name, when (UTC) and what it means, with
/// the role it was given under and whether it still holds.
/// </summary>
public sealed record SignatureVerdict(long Sequence, string Scope, string Meaning, string SignedBy, DateTimeOffset SignedAt, bool Valid, string? Problem,
    string? SignedById = null, string? Role = null);

/// <summary>
/// Re-derives the state each signature covers from the events before it and checks the signed hash still matches,
/// so a signature that was moved to other records or a changed history fails. An audit signature covers the events
/// themselves, by their chain hashes.
/// </summary>
public static class SignatureCheck
{
    public static async Task<IReadOnlyList<SignatureVerdict>> VerifyAsync(IQuerySession session, Guid reviewId, CancellationToken ct)
    {
        var events = await ReviewEventQuery.LoadAsync(session, reviewId, ct);
        var links = await session.Query<ChainLink>().Where(l => l.ReviewId == reviewId).ToListAsync(ct);
        return Check(reviewId, events, links.ToDictionary(l => l.Id, l => l.Hash));
    }

    /// <param name="chainHashes">Each event's chain hash by "streamId:version"; an event without one counts as unchained.</param>
    public static IReadOnlyList<SignatureVerdict> Check(Guid reviewId, IEnumerable<IEvent> eventsInOrder, IReadOnlyDictionary<string, string> chainHashes)
    {
        var states = new Dictionary<Guid, RecordState>();
        var log = new List<(string Event, string Hash)>();
        var verdicts = new List<SignatureVerdict>();
        foreach (var e in eventsInOrder)
        {
            if (e.Data is SignatureRecorded s)
            {
                var expected = s.Scope == SignatureScope.AuditTrail ? SignedState.LogHash(reviewId, log) : SignedState.Hash(reviewId, s.Scope, states.Values);
                var valid = s.ReviewId == reviewId && expected == s.StateHash;
                verdicts.Add(new SignatureVerdict(e.Sequence, SignedState.ScopeName(s.Scope), s.Meaning, s.By.Name, e.Timestamp, valid,
                    valid ? null : $"The signed state hash does not match the {(s.Scope == SignatureScope.AuditTrail ? "events" : "records")} it claims to cover.",
                    s.By.Id, s.Role is { } role ? EventReviewJson.Name(role) : null));
            }
            else if (RecordFold.Apply(states.GetValueOrDefault(e.StreamId), e) is { } next)
            {
                states[e.StreamId] = next;
            }
            var id = ChainLink.IdFor(e.StreamId, e.Version);
            log.Add((id, chainHashes.GetValueOrDefault(id) ?? "unchained"));
        }
        return verdicts;
    }
}
