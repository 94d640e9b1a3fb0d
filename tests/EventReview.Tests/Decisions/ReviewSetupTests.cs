using EventReview.Prisma;
using EventReview.Reviews;
using EventReview.Rules;
using EventReview.Searches;
using static EventReview.Tests.Decisions.DecisionSpec;
using static EventReview.Tests.Decisions.Histories;

namespace EventReview.Tests.Decisions;

/// <summary>The review's own stream: its creation, members, stage settings, exclusion reasons, searches and a reported flow.</summary>
public class ReviewSetupTests
{
    private static readonly DateOnly Today = new(2026, 12, 6);

    [Fact]
    public void Whoever_creates_a_review_is_its_lead()
    {
        Given()
            .When(_ => CreateReviewEndpoint.Decide(ReviewId, new CreateReview("  Stem cells for heart failure ", "Does it work?", "Adults"), S1))
            .Then(new ReviewCreated(ReviewId, "Stem cells for heart failure", "Does it work?", "Adults", S1),
                new MemberRolesSet(ReviewId, S1.Id, S1.Name, [Role.Lead], "Created the review", S1));
    }

    [Fact]
    public void A_lead_adds_a_member_with_their_roles_each_once_in_order()
    {
        Given(ReviewCreatedByLead())
            .When(h => AddMemberEndpoint.Decide(h.Review, new AddMember(" s1 ", " Screener One ", [Role.Resolver, Role.Screener, Role.Resolver], "Joins"),
                Lead))
            .Then(new MemberRolesSet(ReviewId, "s1", "Screener One", [Role.Screener, Role.Resolver], "Joins", Lead));
    }

    [Fact]
    public void An_empty_role_list_removes_a_member()
    {
        Given(ReviewWithTeam())
            .When(h => AddMemberEndpoint.Decide(h.Review, new AddMember(S1.Id, S1.Name, [], "Left the team"), Lead))
            .Then(new MemberRolesSet(ReviewId, S1.Id, S1.Name, [], "Left the team", Lead));
    }

    [Fact]
    public void The_last_lead_is_neither_removed_nor_demoted()
    {
        Given(ReviewWithTeam())
            .When(h => AddMemberEndpoint.Decide(h.Review, new AddMember(Lead.Id, Lead.Name, [], "Leaving"), Lead))
            .ThenRefused(RefusalKind.Conflict, "review-needs-a-lead");
        Given(ReviewWithTeam())
            .When(h => AddMemberEndpoint.Decide(h.Review, new AddMember(Lead.Id, Lead.Name, [Role.Screener], "Screening only"), Lead))
            .ThenRefused(RefusalKind.Conflict, "review-needs-a-lead");
        Given(ReviewWithTeam())
            .When(h => AddMemberEndpoint.Decide(h.Review, new AddMember($" {Lead.Id} ", Lead.Name, [Role.Screener], "Screening only"), Lead))
            .ThenRefused(RefusalKind.Conflict, "review-needs-a-lead");
    }

    [Fact]
    public void A_lead_steps_down_once_another_lead_is_there()
    {
        Given(ReviewWithTeam(), Joined(S1, Role.Lead, Role.Screener))
            .When(h => AddMemberEndpoint.Decide(h.Review, new AddMember(Lead.Id, Lead.Name, [], "Handing over"), Lead))
            .Then(new MemberRolesSet(ReviewId, Lead.Id, Lead.Name, [], "Handing over", Lead));
    }

    [Fact]
    public void Only_a_lead_manages_members_and_a_stranger_learns_nothing()
    {
        Given(ReviewWithTeam())
            .When(h => AddMemberEndpoint.Decide(h.Review, new AddMember("x", "X", [Role.Lead], null), Auditor))
            .ThenRefused(RefusalKind.Forbidden);
        Given(ReviewWithTeam())
            .When(h => AddMemberEndpoint.Decide(h.Review, new AddMember("x", "X", [Role.Lead], null), Outsider))
            .ThenRefused(RefusalKind.NotFound);
    }

    [Fact]
    public void A_stage_setting_left_out_keeps_its_current_value()
    {
        Given(ReviewWithTeam(), new StageConfigured(ReviewId, TitleAbstract, 2, Blinded: false, ReasonRequiredOnExclude: true, Lead))
            .When(h => ConfigureStageEndpoint.Decide(h.Review, TitleAbstract, new ConfigureStage(3, null, null), Lead))
            .Then(new StageConfigured(ReviewId, TitleAbstract, 3, Blinded: false, ReasonRequiredOnExclude: true, Lead));
    }

    [Fact]
    public void Full_text_exclusions_always_need_a_reason()
    {
        Given(ReviewWithTeam())
            .When(h => ConfigureStageEndpoint.Decide(h.Review, FullText, new ConfigureStage(1, false, false), Lead))
            .Then(new StageConfigured(ReviewId, FullText, 1, Blinded: false, ReasonRequiredOnExclude: true, Lead));
    }

    [Fact]
    public void Only_a_lead_configures_a_stage()
    {
        Given(ReviewWithTeam())
            .When(h => ConfigureStageEndpoint.Decide(h.Review, TitleAbstract, new ConfigureStage(1, null, null), S1))
            .ThenRefused(RefusalKind.Forbidden);
    }

    [Fact]
    public void An_exclusion_reason_is_added_to_its_stages_catalogue()
    {
        Given(ReviewCreatedByLead())
            .When(h => AddExclusionReasonEndpoint.Decide(h.Review, new AddExclusionReason("wrong-comparator", " Wrong comparator ", FullText), Lead))
            .Then(new ExclusionReasonAdded(ReviewId, FullText, "wrong-comparator", "Wrong comparator", Lead));
    }

    [Fact]
    public void An_exclusion_code_is_unique_within_its_stage_only()
    {
        Given(ReviewWithTeam())
            .When(h => AddExclusionReasonEndpoint.Decide(h.Review, new AddExclusionReason("wrong-design", "Design again", FullText), Lead))
            .ThenRefused(RefusalKind.Conflict, "exclusion-reason-unique");
        Given(ReviewWithTeam())
            .When(h => AddExclusionReasonEndpoint.Decide(h.Review, new AddExclusionReason("wrong-design", "Wrong study design", TitleAbstract), Lead))
            .Then(new ExclusionReasonAdded(ReviewId, TitleAbstract, "wrong-design", "Wrong study design", Lead));
    }

    [Fact]
    public void Only_a_lead_adds_exclusion_reasons()
    {
        Given(ReviewWithTeam())
            .When(h => AddExclusionReasonEndpoint.Decide(h.Review, new AddExclusionReason("too-small", "Too small", FullText), S1))
            .ThenRefused(RefusalKind.Forbidden);
    }

    [Fact]
    public void A_lead_records_a_search_as_it_was_run()
    {
        var search = new AddSearch(" PubMed ", SearchKind.Database, null, "(stem cell) AND heart", new DateOnly(2025, 3, 24), "English", 286);
        Given(ReviewWithTeam())
            .When(h => AddSearchEndpoint.Decide(h.Review, SearchId, search, Lead, Today))
            .Then(new SearchRecorded(ReviewId, SearchId, "PubMed", SearchKind.Database, null, "(stem cell) AND heart", new DateOnly(2025, 3, 24),
                "English", 286, Lead));
    }

    [Fact]
    public void Only_a_lead_records_searches()
    {
        var search = new AddSearch("PubMed", SearchKind.Database, null, "heart", new DateOnly(2025, 3, 24), null, null);
        Given(ReviewWithTeam())
            .When(h => AddSearchEndpoint.Decide(h.Review, SearchId, search, S1, Today))
            .ThenRefused(RefusalKind.Forbidden);
    }

    [Fact]
    public void A_lead_enters_a_flow_printed_elsewhere()
    {
        var figures = new PrismaFlow { DatabaseResults = 637, Duplicates = 146, RecordsScreened = 491 };
        Given(ReviewWithTeam())
            .When(h => EnterReportedFlowEndpoint.Decide(h.Review, new EnterReportedFlow(" Published figure 1 ", figures), Lead))
            .Then(new ReportedFlowRecorded(ReviewId, "Published figure 1", new PrismaFlow { DatabaseResults = 637, Duplicates = 146, RecordsScreened = 491 },
                Lead));
    }

    [Fact]
    public void Only_a_lead_enters_a_reported_flow()
    {
        Given(ReviewWithTeam())
            .When(h => EnterReportedFlowEndpoint.Decide(h.Review, new EnterReportedFlow("Figure 1", new PrismaFlow { DatabaseResults = 5 }), Auditor))
            .ThenRefused(RefusalKind.Forbidden);
    }
}
