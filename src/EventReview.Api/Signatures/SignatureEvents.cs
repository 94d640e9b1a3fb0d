using EventReview.Identity;
using EventReview.Reviews;

namespace EventReview.Signatures;

public enum SignatureScope { TitleAbstract, FullText, IncludedSet }

/// <summary>
/// A lead's sign-off, bound to the hash of exactly the state it approves (each record and its decision in scope),
/// so it cannot be carried over to other records or another state.
/// </summary>
public sealed record SignatureRecorded(Guid ReviewId, SignatureScope Scope, string Meaning, string StateHash, int Records, Actor By)
    : IReviewEvent;
