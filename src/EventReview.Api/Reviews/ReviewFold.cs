using EventReview.DecisionImports;
using EventReview.Prisma;
using EventReview.Searches;
using JasperFx.Events;

namespace EventReview.Reviews;

/// <summary>
/// The review stream's one fold: the live projection (<see cref="ReviewProjection"/>), rebuilds, states as they stood
/// at a past moment, the seed's set-up and a command's answer all apply events through it.
/// </summary>
public static class ReviewFold
{
    public static Review? Apply(Review? state, IEvent e) => e.Data switch
    {
        ReviewCreated x => Created(x),
        _ when state is null => null,
        var data => Apply(state, data),
    } is { } next ? next with { Version = e.Version } : null;

    public static Review Created(ReviewCreated e) => new(
        e.ReviewId, e.Title, e.Question, e.EligibilityCriteria, [], [],
        [StageSettings.DefaultFor(Stage.TitleAbstract), StageSettings.DefaultFor(Stage.FullText)], [], e.By) { Protocol = e.Protocol };

    /// <summary>One event's data on an existing review. Appraisal settings fold into their own document (AppraisalSettings).</summary>
    public static Review Apply(Review state, object data) => data switch
    {
        ProtocolRevised x => state with
        {
            Title = x.Title, Question = x.Question, EligibilityCriteria = x.EligibilityCriteria, Protocol = x.Protocol,
            Amendments = [.. state.Amendments, new ProtocolAmendment(x.Protocol?.Version, x.Reason, x.By.Name)],
        },
        MemberRolesSet x => WithMember(state, x),
        StageConfigured x => state with
        {
            Stages = [.. state.Stages.Where(s => s.Stage != x.Stage), new StageSettings(x.Stage, x.ReviewersPerRecord, x.Blinded, x.ReasonRequiredOnExclude)],
        },
        ExclusionReasonAdded x => state with { ExclusionReasons = [.. state.ExclusionReasons, new ExclusionReason(x.Stage, x.Code, x.Label)] },
        SearchRecorded x => state with { Searches = [.. state.Searches, Search.From(x)] },
        SearchCorrected x => WithSearch(state, x.SearchId, s => s.With(x.Changes) with { Corrections = [.. s.Corrections, x.Reason] }),
        SearchWithdrawn x => WithSearch(state, x.SearchId, s => s with { WithdrawnBecause = x.Reason }),
        ReportedFlowRecorded x => state with { ReportedFlow = x },
        HighlightTermsSet x => state with { Highlights = new HighlightTerms(x.Include, x.Exclude) },
        DecisionImportStarted x => state with { DecisionImport = DecisionImportStatus.Started(x) },
        DecisionImportCompleted => state with { DecisionImport = state.DecisionImport?.Completed() },
        _ => state,
    };

    /// <summary>The search replaced where it stands, so the searches keep the order they were recorded in.</summary>
    private static Review WithSearch(Review state, Guid searchId, Func<Search, Search> change) =>
        state with { Searches = [.. state.Searches.Select(s => s.Id == searchId ? change(s) : s)] };

    /// <summary>An empty role list removes the member.</summary>
    private static Review WithMember(Review state, MemberRolesSet e)
    {
        var others = state.Members.Where(m => m.UserId != e.UserId).ToList();
        var members = e.Roles.Count == 0 ? others : [.. others, new Member(e.UserId, e.Name, e.Roles)];
        return state with { Members = members, MemberIds = members.Select(m => m.UserId).ToList() };
    }
}
