using EventReview.Audit;
using EventReview.Identity;
using EventReview.Rules;
using EventReview.Signatures;
using static EventReview.Tests.Decisions.DecisionSpec;
using static EventReview.Tests.Decisions.Histories;

namespace EventReview.Tests.Decisions;

public class SignOffTests
{
    private static Func<FoldedHistory, RuleOutcome> SignOff(SignatureScope scope, string meaning = "Approved", Actor? by = null) =>
        h => SignOffEndpoint.Decide(h.Review, h.Records, new SignOff(scope, meaning), by ?? Lead);

    /// <summary>The hash of exactly these records with these decisions (its canonical form is tested in StateHashTests).</summary>
    private static string StateOf(string scope, params (Guid Record, string Decision)[] entries) =>
        StateHash.Of(ReviewId.ToString("D"), scope, entries.Select(e => (e.Record.ToString("D"), e.Decision)));

    [Fact]
    public void A_title_abstract_sign_off_binds_the_records_decided_there_and_no_other()
    {
        Given(ReviewWithTeam(), Imported(R1), IncludedAtTitleAbstract(R1), Imported(R2), ExcludedAtTitleAbstract(R2), Imported(R3),
                VotedBy(S1, R3, Include))
            .When(SignOff(SignatureScope.TitleAbstract, " Approved title-abstract screening "))
            .Then(new SignatureRecorded(ReviewId, SignatureScope.TitleAbstract, "Approved title-abstract screening",
                StateOf("title-abstract", (R1, "include"), (R2, "exclude:wrong-population")), 2, Lead));
    }

    [Fact]
    public void The_included_set_is_what_full_text_included()
    {
        Given(ReviewWithTeam(), IncludedAtFullText(R1), AtFullText(R2), Imported(R3), IncludedAtTitleAbstract(R3))
            .When(SignOff(SignatureScope.IncludedSet))
            .Then(new SignatureRecorded(ReviewId, SignatureScope.IncludedSet, "Approved", StateOf("included-set", (R1, "include")), 1, Lead));
    }

    [Fact]
    public void Nothing_decided_in_the_scope_is_nothing_to_sign()
    {
        Given(ReviewWithTeam(), Imported(R1), IncludedAtTitleAbstract(R1), Retrieved(R1))
            .When(SignOff(SignatureScope.FullText))
            .ThenRefused(RefusalKind.Conflict, "nothing-to-sign");
        Given(ReviewWithTeam())
            .When(SignOff(SignatureScope.TitleAbstract))
            .ThenRefused(RefusalKind.Conflict, "nothing-to-sign");
    }

    [Fact]
    public void Only_a_lead_signs_off()
    {
        Given(ReviewWithTeam(), Imported(R1), IncludedAtTitleAbstract(R1))
            .When(SignOff(SignatureScope.TitleAbstract, by: Auditor))
            .ThenRefused(RefusalKind.Forbidden);
    }
}
