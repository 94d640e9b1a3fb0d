using EventReview.Identity;

namespace EventReview.Reviews;

public enum Role { Lead, Screener, Appraiser, Auditor, Resolver }

public enum Stage { TitleAbstract, FullText }

public sealed record ReviewCreated(Guid ReviewId, string Title, string? Question, string? EligibilityCriteria, Actor By) : IReviewEvent;

public sealed record ProtocolRevised(Guid ReviewId, string Title, string? Question, string? EligibilityCriteria, string Reason, Actor By) : IReviewEvent;

/// <summary>A member joins, or an existing member's roles are replaced (the event holds the full new set).</summary>
public sealed record MemberRolesSet(Guid ReviewId, string UserId, string Name, IReadOnlyList<Role> Roles, string? Note, Actor By) : IReviewEvent;

public sealed record StageConfigured(Guid ReviewId, Stage Stage, int ReviewersPerRecord, bool Blinded, bool ReasonRequiredOnExclude, Actor By) : IReviewEvent;

public sealed record ExclusionReasonAdded(Guid ReviewId, Stage Stage, string Code, string Label, Actor By) : IReviewEvent;
