using EventReview.Records;
using JasperFx.Events;
using Marten;

namespace EventReview.Signatures;

public sealed record SignatureVerdict(long Sequence, string Scope, string Meaning, string SignedBy, DateTimeOffset SignedAt, bool Valid, string? Problem);

/// <summary>
/// Re-derives the state each signature covers from the events before it and checks the signed hash still matches,
/// so a signature that was moved to other records or a changed history fails.
/// </summary>
public static class SignatureCheck
{
    public static async Task<IReadOnlyList<SignatureVerdict>> VerifyAsync(IQuerySession session, Guid reviewId, CancellationToken ct)
    {
        return Check(reviewId, await ReviewEventQuery.LoadAsync(session, reviewId, ct));
    }

    public static IReadOnlyList<SignatureVerdict> Check(Guid reviewId, IEnumerable<IEvent> eventsInOrder)
    {
        var states = new Dictionary<Guid, RecordState>();
        var verdicts = new List<SignatureVerdict>();
        foreach (var e in eventsInOrder)
        {
            if (e.Data is SignatureRecorded s)
            {
                var expected = SignedState.Hash(reviewId, s.Scope, states.Values);
                var valid = s.ReviewId == reviewId && expected == s.StateHash;
                verdicts.Add(new SignatureVerdict(e.Sequence, SignedState.ScopeName(s.Scope), s.Meaning, s.By.Name, e.Timestamp, valid,
                    valid ? null : "The signed state hash does not match the records it claims to cover."));
            }
            else if (RecordFold.Apply(states.GetValueOrDefault(e.StreamId), e) is { } next)
            {
                states[e.StreamId] = next;
            }
        }
        return verdicts;
    }
}
