using EventReview.Prisma;

namespace EventReview.Tests.Prisma;

/// <summary>Flows shared by the PRISMA tests.</summary>
internal static class Flows
{
    /// <summary>
    /// The flow printed in Amin et al., Cureus 2025 (tests/data/seed/000_f6e015d01e819f05.txt, Results, first two paragraphs):
    /// 432 identified on PubMed, PubMed Central, Cochrane Library, Google Scholar and ClinicalTrials.gov; 14 duplicates,
    /// 6 removed by automated tools, 4 for other reasons; 408 screened; 59 chosen for retrieval, 369 eliminated;
    /// 11 not retrievable; 28 assessed; excluded 6 scoring under 70%, 12 not open access, 2 preclinical; 8 included.
    /// The paper does not split databases from registers, so all 432 stand in database_results.
    /// </summary>
    public static ReportedFlow SeedPaper() => new(new PrismaFlow
    {
        DatabaseResults = 432, Duplicates = 14, ExcludedAutomatic = 6, ExcludedOther = 4,
        RecordsScreened = 408, RecordsExcluded = 369, DbrSoughtReports = 59, DbrNotRetrievedReports = 11,
        DbrAssessed = 28,
        DbrExcluded = new Dictionary<string, int> { ["Score lower than 70%"] = 6, ["Not open access"] = 12, ["Preclinical study"] = 2 },
        NewStudies = 8, NewReports = 8,
    });

    /// <summary>
    /// An updated review with both arms whose every box balances, worked by hand:
    /// identified 250 + 100 (databases) + 82 (register) = 432 = 14 + 6 + 4 removed + 408 screened;
    /// 408 screened = 340 excluded by people + 9 by automation + 59 sought; 59 sought = 11 not retrieved + 48 assessed;
    /// other methods: 3 + 2 + 5 identified, 10 sought = 2 not retrieved + 8 assessed;
    /// 48 + 8 assessed = (20 + 12 + 8) + 5 excluded + 11 new reports; new studies 10 (one study has two reports);
    /// totals 5 + 10 = 15 studies and 6 + 11 = 17 reports.
    /// </summary>
    public static PrismaFlow Balanced() => new()
    {
        PreviousStudies = 5, PreviousReports = 6,
        DatabaseResults = 350, RegisterResults = 82,
        Sources =
        [
            new("PubMed", SourceKind.Database, 250, 250),
            new("Cochrane Library", SourceKind.Database, 100, 100),
            new("ClinicalTrials.gov", SourceKind.Register, 82, 82),
        ],
        WebsiteResults = 3, OrganisationResults = 2, CitationsResults = 5,
        Duplicates = 14, ExcludedAutomatic = 6, ExcludedOther = 4,
        RecordsScreened = 408, RecordsExcluded = 340, RecordsExcludedAutomation = 9,
        DbrSoughtReports = 59, DbrNotRetrievedReports = 11, DbrAssessed = 48,
        DbrExcluded = new Dictionary<string, int> { ["Wrong population"] = 20, ["Not open access"] = 12, ["Wrong design"] = 8 },
        OtherSoughtReports = 10, OtherNotRetrievedReports = 2, OtherAssessed = 8,
        OtherExcluded = new Dictionary<string, int> { ["Wrong outcome"] = 5 },
        NewStudies = 10, NewReports = 11, TotalStudies = 15, TotalReports = 17,
    };

    /// <summary>One line per discrepancy, to compare whole lists in one assertion.</summary>
    public static string[] Summaries(this IEnumerable<Discrepancy> found) =>
        found.Select(d => $"{d.Code} {d.Key} expected {d.Expected} actual {d.Actual}").ToArray();
}
