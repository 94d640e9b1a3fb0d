using EventReview.Appraisal;
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

    public static Review Create(ReviewCreated e) => new(
        e.ReviewId, e.Title, e.Question, e.EligibilityCriteria, [], [],
        [StageSettings.DefaultFor(Stage.TitleAbstract), StageSettings.DefaultFor(Stage.FullText)], [], e.By);

    public Review Apply(ProtocolRevised e) =>
        this with { Title = e.Title, Question = e.Question, EligibilityCriteria = e.EligibilityCriteria };

    public Review Apply(MemberRolesSet e)
    {
        var others = Members.Where(m => m.UserId != e.UserId).ToList();
        var members = e.Roles.Count == 0 ? others : [.. others, new Member(e.UserId, e.Name, e.Roles)];
        return this with { Members = members, MemberIds = members.Select(m => m.UserId).ToList() };
    }

    public Review Apply(StageConfigured e) => this with
    {
        Stages = [.. Stages.Where(s => s.Stage != e.Stage), new StageSettings(e.Stage, e.ReviewersPerRecord, e.Blinded, e.ReasonRequiredOnExclude)],
    };

    public Review Apply(ExclusionReasonAdded e) =>
        this with { ExclusionReasons = [.. ExclusionReasons, new ExclusionReason(e.Stage, e.Code, e.Label)] };

    public Review Apply(SearchRecorded e) => this with
    {
        Searches = [.. Searches, new Search(e.SearchId, e.Source, e.Kind, e.OtherMethod, e.Query, e.SearchedOn, e.Filters, e.ReportedCount)],
    };

    public Review Apply(ReportedFlowRecorded e) => this with { ReportedFlow = e };

    // Appraisal settings are folded into their own document (AppraisalSettings); applied here so Version follows the stream.
    public Review Apply(AppraisalScoringConfigured e) => this;

    public Review Apply(CustomInstrumentAdded e) => this;

    public Review Apply(AppraisalSettingsConfigured e) => this;

    public Search? SearchOf(Guid searchId) => Searches.FirstOrDefault(s => s.Id == searchId);

    public Member? MemberOf(string userId) => Members.FirstOrDefault(m => m.UserId == userId);

    public bool Has(string userId, Role role) => MemberOf(userId)?.Roles.Contains(role) ?? false;

    public StageSettings Settings(Stage stage) => Stages.FirstOrDefault(s => s.Stage == stage) ?? StageSettings.DefaultFor(stage);

    public ExclusionReason? Reason(Stage stage, string code) =>
        ExclusionReasons.FirstOrDefault(r => r.Stage == stage && r.Code == code);
}
