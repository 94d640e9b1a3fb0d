using EventReview.Reviews;
using EventReview.Rules;
using Shouldly;
using static EventReview.Tests.Decisions.DecisionSpec;
using static EventReview.Tests.Decisions.Histories;

namespace EventReview.Tests.Decisions;

/// <summary>The protocol: registered when the review is created, amended later with a reason, every version kept.</summary>
public class ProtocolTests
{
    private static readonly ProtocolRegistration Prospero = new("PROSPERO", "CRD42025000001", "https://www.crd.york.ac.uk/prospero/", "1");

    [Fact]
    public void A_review_is_created_with_its_registration()
    {
        Given()
            .When(_ => CreateReviewEndpoint.Decide(ReviewId, new CreateReview("Stem cells", null, null, Prospero with { Registry = " PROSPERO " }), S1))
            .Then(new ReviewCreated(ReviewId, "Stem cells", null, null, S1, Prospero),
                new MemberRolesSet(ReviewId, S1.Id, S1.Name, [Role.Lead], "Created the review", S1));
    }

    [Fact]
    public void An_amendment_keeps_what_it_does_not_name_and_says_why()
    {
        var amended = Prospero with { Version = "2" };
        Given(ReviewWithTeam())
            .When(h => ReviseProtocolEndpoint.Decide(h.Review, new ReviseProtocol(" Registered after piloting ", Protocol: amended), Lead))
            .Then(new ProtocolRevised(ReviewId, "Stem cells for heart failure", "Do stem cells improve ejection fraction?", null,
                "Registered after piloting", Lead, amended));
    }

    [Fact]
    public void Amendments_are_listed_in_order_with_their_versions()
    {
        var folded = FoldedHistory.Of([.. ReviewWithTeam(),
            new ProtocolRevised(ReviewId, "Stem cells for heart failure", "Q", null, "Registered", Lead, Prospero),
            new ProtocolRevised(ReviewId, "Stem cells for heart failure", "Q", "Adults", "Added eligibility", Lead, Prospero with { Version = "2" })]);
        folded.Review.Amendments.ShouldBe([new ProtocolAmendment("1", "Registered", Lead.Name), new ProtocolAmendment("2", "Added eligibility", Lead.Name)]);
        (folded.Review.EligibilityCriteria, folded.Review.Protocol!.Version).ShouldBe(("Adults", "2"));
    }

    [Fact]
    public void An_amendment_that_changes_nothing_or_comes_from_a_screener_is_refused()
    {
        Given(ReviewWithTeam())
            .When(h => ReviseProtocolEndpoint.Decide(h.Review, new ReviseProtocol("Nothing", Title: "Stem cells for heart failure"), Lead))
            .ThenInvalid("changes nothing");
        Given(ReviewWithTeam())
            .When(h => ReviseProtocolEndpoint.Decide(h.Review, new ReviseProtocol("Mine", Title: "Other"), S1))
            .ThenRefused(RefusalKind.Forbidden);
    }
}
