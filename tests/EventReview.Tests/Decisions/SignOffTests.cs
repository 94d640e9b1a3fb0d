using EventReview.Audit;
using EventReview.Identity;
using EventReview.Reviews;
using EventReview.Rules;
using EventReview.Signatures;
using Shouldly;
using static EventReview.Tests.Decisions.DecisionSpec;
using static EventReview.Tests.Decisions.Histories;

namespace EventReview.Tests.Decisions;

public class SignOffTests
{
    private static readonly DateTimeOffset SignedIn = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    /// <summary>Three events of the review's log as the auditor read them, each with its chain hash.</summary>
    private static readonly (string Event, string Hash)[] Log =
    [
        ($"{ReviewId:D}:1", new string('a', 64)), ($"{R1:D}:1", new string('b', 64)), ($"{R1:D}:2", new string('c', 64)),
    ];

    private static Func<FoldedHistory, RuleOutcome> SignOff(SignatureScope scope, string meaning = "approval", Actor? by = null) =>
        h => SignOffEndpoint.Decide(h.Review, new SignableState(h.Records, Log), new SignOff(scope, meaning), by ?? Lead, SignedIn);

    /// <summary>The hash of exactly these records with these decisions (its canonical form is tested in StateHashTests).</summary>
    private static string StateOf(string scope, params (Guid Record, string Decision)[] entries) =>
        StateHash.Of(ReviewId.ToString("D"), scope, entries.Select(e => (e.Record.ToString("D"), e.Decision)));

    [Fact]
    public void A_title_abstract_sign_off_binds_the_records_decided_there_and_no_other()
    {
        Given(ReviewWithTeam(), Imported(R1), IncludedAtTitleAbstract(R1), Imported(R2), ExcludedAtTitleAbstract(R2), Imported(R3),
                VotedBy(S1, R3, Include))
            .When(SignOff(SignatureScope.TitleAbstract, " approval "))
            .Then(new SignatureRecorded(ReviewId, SignatureScope.TitleAbstract, "approval",
                StateOf("title-abstract", (R1, "include"), (R2, "exclude:wrong-population")), 2, Lead, Role.Lead, SignedIn));
    }

    [Fact]
    public void The_included_set_is_what_full_text_included()
    {
        Given(ReviewWithTeam(), IncludedAtFullText(R1), AtFullText(R2), Imported(R3), IncludedAtTitleAbstract(R3))
            .When(SignOff(SignatureScope.IncludedSet, "responsibility"))
            .Then(new SignatureRecorded(ReviewId, SignatureScope.IncludedSet, "responsibility", StateOf("included-set", (R1, "include")), 1, Lead,
                Role.Lead, SignedIn));
    }

    [Theory]
    [InlineData("authorship")]
    [InlineData("review")]
    [InlineData("approval")]
    [InlineData("responsibility")]
    public void A_lead_signs_the_screening_with_each_meaning_of_theirs_as_lead(string meaning)
    {
        Given(ReviewWithTeam(), Imported(R1), IncludedAtTitleAbstract(R1))
            .When(SignOff(SignatureScope.TitleAbstract, meaning))
            .Then(new SignatureRecorded(ReviewId, SignatureScope.TitleAbstract, meaning, StateOf("title-abstract", (R1, "include")), 1, Lead,
                Role.Lead, SignedIn));
    }

    [Fact]
    public void An_auditor_signs_that_they_audited_exactly_the_log_they_read()
    {
        Given(ReviewWithTeam(), Imported(R1), IncludedAtTitleAbstract(R1))
            .When(SignOff(SignatureScope.AuditTrail, "audit", Auditor))
            .Then(new SignatureRecorded(ReviewId, SignatureScope.AuditTrail, "audit", StateHash.Of(ReviewId.ToString("D"), "audit-trail", Log), 3,
                Auditor, Role.Auditor, SignedIn));
    }

    [Fact]
    public void Each_meaning_is_given_only_under_its_role()
    {
        Given(ReviewWithTeam(), Imported(R1), IncludedAtTitleAbstract(R1))
            .When(SignOff(SignatureScope.TitleAbstract, "approval", Auditor))
            .ThenRefused(RefusalKind.Forbidden);
        Given(ReviewWithTeam(), Imported(R1), IncludedAtTitleAbstract(R1))
            .When(SignOff(SignatureScope.AuditTrail, "audit", Lead))
            .ThenRefused(RefusalKind.Forbidden);
        Given(ReviewWithTeam(), Imported(R1), IncludedAtTitleAbstract(R1))
            .When(SignOff(SignatureScope.TitleAbstract, "authorship", S1))
            .ThenRefused(RefusalKind.Forbidden);
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

    [Theory]
    [InlineData("Approved title/abstract screening")]
    [InlineData("Approval")]
    [InlineData("auditing")]
    public void A_meaning_outside_the_fixed_list_is_refused_naming_every_allowed_one(string meaning)
    {
        var problem = SignOffEndpoint.Validate(new SignOff(SignatureScope.TitleAbstract, meaning));
        problem.Status.ShouldBe(400);
        problem.Detail.ShouldBe($"'meaning' must be one of: authorship, review, approval, responsibility, audit (not '{meaning}').");
    }

    [Theory]
    [InlineData(SignatureScope.TitleAbstract, "audit")]
    [InlineData(SignatureScope.IncludedSet, "audit")]
    [InlineData(SignatureScope.AuditTrail, "approval")]
    public void Audit_signs_the_audit_trail_and_nothing_else_does(SignatureScope scope, string meaning) =>
        SignOffEndpoint.Validate(new SignOff(scope, meaning)).Status.ShouldBe(400);
}
