using EventReview.Identity;
using EventReview.Reviews;

namespace EventReview.Signatures;

/// <summary>What a signature covers: a screening stage's decisions, the included set, or (an auditor's) the review's log.</summary>
public enum SignatureScope { TitleAbstract, FullText, IncludedSet, AuditTrail }

/// <summary>
/// A signature bound to the hash of exactly the state it approves (each record and its decision in scope, or each
/// event of the log), so it cannot be carried over to other records or another state. The signer's printed name is
/// <see cref="By"/>, the time is the event's own (UTC, from the database), and <see cref="Meaning"/> is one of
/// <see cref="SignatureMeanings.All"/>; signatures made before the fixed list hold free text there, no
/// <see cref="Role"/> (they were a lead's) and no <see cref="AuthenticatedAt"/>.
/// </summary>
public sealed record SignatureRecorded(Guid ReviewId, SignatureScope Scope, string Meaning, string StateHash, int Records, Actor By,
    Role? Role = null, DateTimeOffset? AuthenticatedAt = null)
    : IReviewEvent;
