using EventReview.Prisma;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Prisma;

public class PrismaComparisonTests
{
    [Fact]
    public void The_seed_paper_compared_with_a_balanced_derivation_shows_each_differing_key_and_its_own_errors()
    {
        // A derivation that keeps the paper's figures wherever they balance, worked by hand:
        // 408 screened - 349 excluded = 59 sought; 59 - 11 not retrieved = 48 assessed;
        // 48 - (6 + 12 + 2 + 20 excluded) = 8 included.
        var derived = Flows.SeedPaper().Figures with
        {
            RecordsExcluded = 349,
            DbrAssessed = 48,
            DbrExcluded = new Dictionary<string, int>
            {
                ["Score lower than 70%"] = 6, ["Not open access"] = 12, ["Preclinical study"] = 2, ["Not in English"] = 20,
            },
        };

        PrismaComparison.Compare(derived, Flows.SeedPaper()).Summaries().ShouldBe(
        [
            "reported-differs records_excluded expected 349 actual 369",
            "reported-differs dbr_assessed expected 48 actual 28",
            "reported-differs dbr_excluded/Not in English expected 20 actual 0",
            "reported-screening-balance dbr_sought_reports expected 39 actual 59",
            "reported-retrieval-balance dbr_assessed expected 48 actual 28",
        ]);
    }

    [Fact]
    public void An_unsplit_records_excluded_figure_is_compared_with_both_kinds_of_exclusion()
    {
        // Balanced excludes 340 records by people and 9 by automation: 349 in the box.
        var derived = Flows.Balanced();

        PrismaComparison.Compare(derived, Reported(new() { RecordsExcluded = 349 })).ShouldBeEmpty();
        PrismaComparison.Compare(derived, Reported(new() { RecordsExcluded = 340, RecordsExcludedAutomation = 9 })).ShouldBeEmpty();
        PrismaComparison.Compare(derived, Reported(new() { RecordsExcluded = 349, RecordsExcludedAutomation = 0 }))
            .Summaries().ShouldBe(
            [
                "reported-differs records_excluded expected 340 actual 349",
                "reported-differs records_excluded_automation expected 9 actual 0",
            ]);
    }

    [Fact]
    public void Reasons_and_sources_match_by_label_ignoring_case_and_surrounding_spaces()
    {
        var reported = new PrismaFlow
        {
            DbrExcluded = new Dictionary<string, int> { [" wrong population "] = 20, ["NOT OPEN ACCESS"] = 12, ["Wrong design"] = 8 },
            Sources = [new("pubmed", SourceKind.Database, 250), new("Cochrane Library ", SourceKind.Database, 101)],
        };

        PrismaComparison.Compare(Flows.Balanced(), Reported(reported)).Summaries()
            .ShouldBe(["reported-source-differs sources/Cochrane Library expected 100 actual 101"]);
    }

    [Fact]
    public void A_reported_box_the_review_does_not_have_is_a_discrepancy_without_an_expected_value()
    {
        var newReview = Flows.SeedPaper().Figures;

        PrismaComparison.Compare(newReview, Reported(new() { WebsiteResults = 3 })).Single()
            .ShouldBe(new Discrepancy("reported-differs", "website_results",
                "website_results is reported as 3 but the review's records give no figure.", null, 3));
    }

    [Fact]
    public void A_search_whose_reported_hit_count_differs_from_its_imports_is_listed()
    {
        SourceCount[] sources = [new("PubMed", SourceKind.Database, 248, 250), new("Embase", SourceKind.Database, 90, 90),
            new("Scopus", SourceKind.Database, 12)];

        PrismaComparison.CompareSources(sources).Summaries()
            .ShouldBe(["source-count-differs sources/PubMed expected 250 actual 248"]);
    }

    private static ReportedFlow Reported(PrismaFlow figures) => new(figures);
}
