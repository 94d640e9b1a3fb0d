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

    /// <summary>The latest flow entered for comparison, with where it was printed.</summary>
    public ReportedFlowRecorded? ReportedFlow { get; init; }

    public long Version { get; init; }

    public Search? SearchOf(Guid searchId) => Searches.FirstOrDefault(s => s.Id == searchId);

    public Member? MemberOf(string userId) => Members.FirstOrDefault(m => m.UserId == userId);

    public bool Has(string userId, Role role) => MemberOf(userId)?.Roles.Contains(role) ?? false;

    public StageSettings Settings(Stage stage) => Stages.FirstOrDefault(s => s.Stage == stage) ?? StageSettings.DefaultFor(stage);

    public ExclusionReason? Reason(Stage stage, string code) =>
        ExclusionReasons.FirstOrDefault(r => r.Stage == stage && r.Code == code);
}
