using System.Text.Json;
using EventReview.Prisma;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Prisma;

public class PrismaReportTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void The_report_serializes_with_the_PRISMA2020_template_keys_whatever_the_naming_policy()
    {
        // The data column of inst/extdata/PRISMA.csv in the PRISMA2020 package, less title and meta-analysis rows.
        string[] templateKeys =
        [
            "previous_studies", "previous_reports", "database_results", "database_specific_results", "register_results",
            "register_specific_results", "website_results", "organisation_results", "citations_results", "duplicates",
            "excluded_automatic", "excluded_other", "records_screened", "records_excluded", "dbr_sought_reports",
            "dbr_notretrieved_reports", "other_sought_reports", "other_notretrieved_reports", "dbr_assessed",
            "dbr_excluded", "other_assessed", "other_excluded", "new_studies", "new_reports", "total_studies", "total_reports",
        ];
        var report = PrismaReport.Build(Flows.Balanced());

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(report, Web));
        var root = json.RootElement;

        var names = root.EnumerateObject().Select(p => p.Name).ToList();
        names.ShouldBeSubsetOf(templateKeys.Concat(["records_excluded_automation", "sources", "discrepancies"]).Concat(PrismaFlow.ProgressKeys));
        templateKeys.ShouldBeSubsetOf(names);
        root.GetProperty("records_screened").GetInt32().ShouldBe(408);
        root.GetProperty("dbr_excluded").GetProperty("Wrong population").GetInt32().ShouldBe(20);
        root.GetProperty("database_specific_results").GetProperty("Cochrane Library").GetInt32().ShouldBe(100);
        var source = root.GetProperty("sources")[2];
        (source.GetProperty("source").GetString(), source.GetProperty("kind").GetString(),
            source.GetProperty("records").GetInt32(), source.GetProperty("reportedCount").GetInt32())
            .ShouldBe(("ClinicalTrials.gov", "register", 82, 82));
        root.GetProperty("discrepancies").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public void The_report_lists_the_flows_own_errors_its_sources_and_the_comparison_with_a_reported_flow()
    {
        var derived = Flows.Balanced() with
        {
            Sources = [new("PubMed", SourceKind.Database, 250, 260), new("Cochrane Library", SourceKind.Database, 100)],
            TotalReports = 18,
        };

        var report = PrismaReport.Build(derived, new ReportedFlow(new PrismaFlow { NewStudies = 10, DbrAssessed = 47 }));

        // 6 previous + 11 new reports = 17, not 18; PubMed reported 260 hits, 250 imported.
        report.Discrepancies.Summaries().ShouldBe(
        [
            "total-reports total_reports expected 17 actual 18",
            "source-count-differs sources/PubMed expected 260 actual 250",
            "reported-differs dbr_assessed expected 48 actual 47",
        ]);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(report, Web));
        var first = json.RootElement.GetProperty("discrepancies")[0];
        first.GetProperty("code").GetString().ShouldBe("total-reports");
        first.GetProperty("key").GetString().ShouldBe("total_reports");
        first.GetProperty("message").GetString().ShouldBe("Total reports (18) should equal reports of the previous version (6) + new reports (11) = 17.");
        (first.GetProperty("expected").GetInt32(), first.GetProperty("actual").GetInt32()).ShouldBe((17, 18));
    }

    [Fact]
    public void A_reported_flow_typed_as_template_keys_reads_back_into_a_flow()
    {
        const string typed = """
            { "database_results": 432, "duplicates": 14, "excluded_automatic": 6, "excluded_other": 4,
              "records_screened": 408, "records_excluded": 369, "dbr_sought_reports": 59, "dbr_notretrieved_reports": 11,
              "dbr_assessed": 28, "dbr_excluded": { "Score lower than 70%": 6, "Not open access": 12, "Preclinical study": 2 },
              "new_studies": 8, "new_reports": 8,
              "sources": [ { "source": "PubMed", "kind": "database", "records": 432 } ] }
            """;

        var flow = JsonSerializer.Deserialize<PrismaFlow>(typed, Web)!;

        flow.DbrExcluded!["Not open access"].ShouldBe(12);
        flow.Sources.Single().ShouldBe(new SourceCount("PubMed", SourceKind.Database, 432));
        PrismaInvariants.Check(flow).ShouldBe(PrismaInvariants.Check(Flows.SeedPaper().Figures));
    }
}
