using EventReview.Identity;
using EventReview.Prisma;
using EventReview.Searches;

namespace EventReview.Reviews;

public sealed record Member(string UserId, string Name, IReadOnlyList<Role> Roles);

public sealed record StageSettings(Stage Stage, int ReviewersPerRecord, bool Blinded, bool ReasonRequiredOnExclude)
{
    public static StageSettings DefaultFor(Stage stage) =>
        new(stage, ReviewersPerRecord: 2, Blinded: true, ReasonRequiredOnExclude: stage == Stage.FullText);
}

/// <summary>One amendment of the protocol: the version it made, why, and who made it (the event has the time).</summary>
public sealed record ProtocolAmendment(string? Version, string Reason, string By);

public sealed record ExclusionReason(Stage Stage, string Code, string Label);

/// <summary>The review stream folded: protocol, members, stage settings and exclusion reasons.</summary>
public sealed record Review(
    Guid Id,
    string Title,
    string? Question,
    string? EligibilityCriteria,
    IReadOnlyList<Member> Members,
    IReadOnlyList<string> MemberIds,
    IReadOnlyList<StageSettings> Stages,
    IReadOnlyList<ExclusionReason> ExclusionReasons,
    Actor CreatedBy)
{
    public IReadOnlyList<Search> Searches { get; init; } = [];

    public ProtocolRegistration? Protocol { get; init; }

    public IReadOnlyList<ProtocolAmendment> Amendments { get; init; } = [];

    /// <summary>The latest flow entered for comparison, with where it was printed.</summary>
    public ReportedFlowRecorded? ReportedFlow { get; init; }

    /// <summary>Set by <see cref="HighlightTermsSet"/>; reviews stored before it highlight nothing.</summary>
    public HighlightTerms Highlights { get; init; } = HighlightTerms.None;

    /// <summary>Set when the review was made by a decision import: the source file, and whether the import finished.</summary>
    public DecisionImports.DecisionImportStatus? DecisionImport { get; init; }

    public long Version { get; init; }

    public Search? SearchOf(Guid searchId) => Searches.FirstOrDefault(s => s.Id == searchId);

    /// <summary>The searches whose records count in the flow, the queues and the record lists.</summary>
    public IReadOnlyList<Search> CountedSearches() => [.. Searches.Where(s => !s.Withdrawn)];

    public Guid[] WithdrawnSearchIds() => [.. Searches.Where(s => s.Withdrawn).Select(s => s.Id)];

    public Member? MemberOf(string userId) => Members.FirstOrDefault(m => m.UserId == userId);

    public bool Has(string userId, Role role) => MemberOf(userId)?.Roles.Contains(role) ?? false;

    public StageSettings Settings(Stage stage) => Stages.FirstOrDefault(s => s.Stage == stage) ?? StageSettings.DefaultFor(stage);

    public ExclusionReason? Reason(Stage stage, string code) =>
        ExclusionReasons.FirstOrDefault(r => r.Stage == stage && r.Code == code);
}
