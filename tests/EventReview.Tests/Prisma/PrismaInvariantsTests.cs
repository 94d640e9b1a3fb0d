using EventReview.Prisma;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Prisma;

public class PrismaInvariantsTests
{
    [Fact]
    public void The_seed_papers_printed_flow_fails_exactly_at_screening_and_retrieval()
    {
        // Worked by hand from Amin et al. 2025, Results:
        // identification 432 = 14 + 6 + 4 + 408 holds; eligibility 28 = (6 + 12 + 2) + 8 holds;
        // screening: 408 screened - 369 excluded leaves 39 to seek, but 59 are sought (369 + 59 = 428, not 408);
        // retrieval: 59 sought - 11 not retrieved leaves 48 to assess, but 28 are assessed.
        var found = PrismaInvariants.Check(Flows.SeedPaper().Figures);

        found.Summaries().ShouldBe(
        [
            "screening-balance dbr_sought_reports expected 39 actual 59",
            "retrieval-balance dbr_assessed expected 48 actual 28",
        ]);
        found[0].Message.ShouldContain("= 428");
    }

    [Fact]
    public void A_balanced_updated_review_with_both_arms_has_no_discrepancy() =>
        PrismaInvariants.Check(Flows.Balanced()).ShouldBeEmpty();

    [Fact]
    public void The_other_methods_arm_is_checked_and_shares_the_included_box()
    {
        // other: 10 sought - 2 not retrieved = 8, but 9 assessed;
        // included: (48 + 9) assessed - (40 + 5) excluded = 12, but 11 new reports.
        var found = PrismaInvariants.Check(Flows.Balanced() with { OtherAssessed = 9 });

        found.Summaries().ShouldBe(
        [
            "other-retrieval-balance other_assessed expected 8 actual 9",
            "inclusion-balance new_reports expected 12 actual 11",
        ]);
    }

    [Fact]
    public void Totals_and_source_sums_are_checked()
    {
        // total studies 5 + 10 = 15, not 16; database sources 250 + 100 = 350, not 351,
        // which also leaves 351 + 82 - 24 = 409 to screen instead of 408.
        var found = PrismaInvariants.Check(Flows.Balanced() with { TotalStudies = 16, DatabaseResults = 351 });

        found.Summaries().ShouldBe(
        [
            "identification-balance records_screened expected 409 actual 408",
            "total-studies total_studies expected 15 actual 16",
            "sources-sum database_results expected 350 actual 351",
        ]);
    }

    [Fact]
    public void A_rule_whose_main_boxes_are_missing_is_not_checked() =>
        PrismaInvariants.Check(new PrismaFlow { RecordsScreened = 408, DbrAssessed = 28 }).ShouldBeEmpty();

    [Fact]
    public void A_negative_count_is_rejected_with_a_one_line_message()
    {
        var error = Should.Throw<PrismaFlowException>(() => PrismaInvariants.Check(new PrismaFlow { Duplicates = -1 }));
        error.Message.ShouldBe("Invalid PRISMA flow: duplicates is negative (-1).");
    }
}
