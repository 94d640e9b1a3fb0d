using EventReview.Identity;

namespace EventReview.Reviews;

public enum Role { Lead, Screener, Appraiser, Auditor, Resolver }

public enum Stage { TitleAbstract, FullText }

/// <summary>Where the protocol is registered (PROSPERO, OSF, INPLASY...), under which id, where to read it and its version.</summary>
public sealed record ProtocolRegistration(string Registry, string RegistrationId, string? Url = null, string? Version = null);

/// <summary><paramref name="Protocol"/> came later: stored reviews read it as null (not registered).</summary>
public sealed record ReviewCreated(Guid ReviewId, string Title, string? Question, string? EligibilityCriteria, Actor By,
    ProtocolRegistration? Protocol = null) : IReviewEvent;

/// <summary>A protocol amendment: the protocol as it stands after it, and why. <paramref name="Protocol"/> came later.</summary>
public sealed record ProtocolRevised(Guid ReviewId, string Title, string? Question, string? EligibilityCriteria, string Reason, Actor By,
    ProtocolRegistration? Protocol = null) : IReviewEvent;

/// <summary>A member joins, or an existing member's roles are replaced (the event holds the full new set).</summary>
public sealed record MemberRolesSet(Guid ReviewId, string UserId, string Name, IReadOnlyList<Role> Roles, string? Note, Actor By) : IReviewEvent;

public sealed record StageConfigured(Guid ReviewId, Stage Stage, int ReviewersPerRecord, bool Blinded, bool ReasonRequiredOnExclude, Actor By) : IReviewEvent;

public sealed record ExclusionReasonAdded(Guid ReviewId, Stage Stage, string Code, string Label, Actor By) : IReviewEvent;

/// <summary>The search terms the console highlights in titles and abstracts: the whole lists as they stand after the change.</summary>
public sealed record HighlightTermsSet(Guid ReviewId, IReadOnlyList<string> Include, IReadOnlyList<string> Exclude, Actor By) : IReviewEvent;
