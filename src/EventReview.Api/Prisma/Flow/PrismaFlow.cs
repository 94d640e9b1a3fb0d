using System.Text.Json.Serialization;

namespace EventReview.Prisma;

/// <summary>
/// Every box of the PRISMA 2020 flow diagram (new and updated review, both identification arms), named with the
/// keys of the PRISMA2020 package's template CSV. A null count means the box is not used (a new review has no
/// previous studies; a review without other methods has no website results), as an empty cell does in the template.
/// Serializes to the template keys under any naming policy.
/// </summary>
public record PrismaFlow
{
    private IReadOnlyList<SourceCount> sources = [];

    [JsonPropertyName("previous_studies")] public int? PreviousStudies { get; init; }
    [JsonPropertyName("previous_reports")] public int? PreviousReports { get; init; }
    [JsonPropertyName("database_results")] public int? DatabaseResults { get; init; }
    [JsonPropertyName("register_results")] public int? RegisterResults { get; init; }
    [JsonPropertyName("website_results")] public int? WebsiteResults { get; init; }
    [JsonPropertyName("organisation_results")] public int? OrganisationResults { get; init; }
    [JsonPropertyName("citations_results")] public int? CitationsResults { get; init; }
    [JsonPropertyName("duplicates")] public int? Duplicates { get; init; }
    [JsonPropertyName("excluded_automatic")] public int? ExcludedAutomatic { get; init; }
    [JsonPropertyName("excluded_other")] public int? ExcludedOther { get; init; }
    [JsonPropertyName("records_screened")] public int? RecordsScreened { get; init; }

    /// <summary>Records excluded at screening by people.</summary>
    [JsonPropertyName("records_excluded")] public int? RecordsExcluded { get; init; }

    /// <summary>
    /// Records excluded at screening by automation tools; PRISMA 2020 asks for this split inside the
    /// "Records excluded" box, and the template has no key for it.
    /// </summary>
    [JsonPropertyName("records_excluded_automation")] public int? RecordsExcludedAutomation { get; init; }

    /// <summary>Records screened but not yet decided at title-abstract (0 once screening is complete).</summary>
    [JsonPropertyName("records_awaiting_screening")] public int? RecordsAwaitingScreening { get; init; }

    /// <summary>Reports sought whose retrieval is not yet recorded.</summary>
    [JsonPropertyName("dbr_awaiting_retrieval")] public int? DbrAwaitingRetrieval { get; init; }

    /// <summary>Reports retrieved whose eligibility is not yet decided.</summary>
    [JsonPropertyName("dbr_awaiting_assessment")] public int? DbrAwaitingAssessment { get; init; }

    [JsonPropertyName("other_awaiting_retrieval")] public int? OtherAwaitingRetrieval { get; init; }
    [JsonPropertyName("other_awaiting_assessment")] public int? OtherAwaitingAssessment { get; init; }

    [JsonPropertyName("dbr_sought_reports")] public int? DbrSoughtReports { get; init; }
    [JsonPropertyName("dbr_notretrieved_reports")] public int? DbrNotRetrievedReports { get; init; }
    [JsonPropertyName("dbr_assessed")] public int? DbrAssessed { get; init; }
    [JsonPropertyName("dbr_excluded")] public IReadOnlyDictionary<string, int>? DbrExcluded { get; init; }
    [JsonPropertyName("other_sought_reports")] public int? OtherSoughtReports { get; init; }
    [JsonPropertyName("other_notretrieved_reports")] public int? OtherNotRetrievedReports { get; init; }
    [JsonPropertyName("other_assessed")] public int? OtherAssessed { get; init; }
    [JsonPropertyName("other_excluded")] public IReadOnlyDictionary<string, int>? OtherExcluded { get; init; }
    [JsonPropertyName("new_studies")] public int? NewStudies { get; init; }
    [JsonPropertyName("new_reports")] public int? NewReports { get; init; }
    [JsonPropertyName("total_studies")] public int? TotalStudies { get; init; }
    [JsonPropertyName("total_reports")] public int? TotalReports { get; init; }

    /// <summary>Records per search source, with the count the source itself reported where known.</summary>
    /// <summary>Keys beyond the template that show work in progress; the CSV leaves them out.</summary>
    public static IReadOnlySet<string> ProgressKeys { get; } = new HashSet<string>
    {
        "records_awaiting_screening", "dbr_awaiting_retrieval", "dbr_awaiting_assessment", "other_awaiting_retrieval", "other_awaiting_assessment",
    };

    [JsonPropertyName("sources")]
    public IReadOnlyList<SourceCount> Sources { get => sources; init => sources = value ?? []; }

    [JsonPropertyName("database_specific_results")]
    public IReadOnlyDictionary<string, int> DatabaseSpecificResults => RecordsBySource(SourceKind.Database);

    [JsonPropertyName("register_specific_results")]
    public IReadOnlyDictionary<string, int> RegisterSpecificResults => RecordsBySource(SourceKind.Register);

    [JsonIgnore] public int? Identified => Sum(DatabaseResults, RegisterResults);

    [JsonIgnore] public int? RecordsExcludedTotal => Sum(RecordsExcluded, RecordsExcludedAutomation);

    [JsonIgnore] public bool HasPreviousArm => PreviousStudies is not null || PreviousReports is not null;

    [JsonIgnore]
    public bool HasOtherArm => WebsiteResults is not null || OrganisationResults is not null || CitationsResults is not null;

    /// <summary>The single-number boxes by template key, in the template's order.</summary>
    public IReadOnlyList<KeyValuePair<string, int?>> Counts() =>
    [
        new("previous_studies", PreviousStudies), new("previous_reports", PreviousReports),
        new("database_results", DatabaseResults), new("register_results", RegisterResults),
        new("website_results", WebsiteResults), new("organisation_results", OrganisationResults),
        new("citations_results", CitationsResults), new("duplicates", Duplicates),
        new("excluded_automatic", ExcludedAutomatic), new("excluded_other", ExcludedOther),
        new("records_screened", RecordsScreened), new("records_excluded", RecordsExcluded),
        new("records_excluded_automation", RecordsExcludedAutomation),
        new("records_awaiting_screening", RecordsAwaitingScreening),
        new("dbr_awaiting_retrieval", DbrAwaitingRetrieval), new("dbr_awaiting_assessment", DbrAwaitingAssessment),
        new("other_awaiting_retrieval", OtherAwaitingRetrieval), new("other_awaiting_assessment", OtherAwaitingAssessment),
        new("dbr_sought_reports", DbrSoughtReports), new("dbr_notretrieved_reports", DbrNotRetrievedReports),
        new("other_sought_reports", OtherSoughtReports), new("other_notretrieved_reports", OtherNotRetrievedReports),
        new("dbr_assessed", DbrAssessed), new("other_assessed", OtherAssessed),
        new("new_studies", NewStudies), new("new_reports", NewReports),
        new("total_studies", TotalStudies), new("total_reports", TotalReports),
    ];

    /// <summary>Throws <see cref="PrismaFlowException"/> for a negative count or an unnamed source or reason.</summary>
    public void EnsureValid()
    {
        foreach (var (key, value) in Counts())
            if (value < 0) throw new PrismaFlowException($"{key} is negative ({value}).");
        foreach (var (key, reasons) in new[] { ("dbr_excluded", DbrExcluded), ("other_excluded", OtherExcluded) })
            foreach (var (reason, n) in reasons ?? new Dictionary<string, int>())
                if (n < 0 || string.IsNullOrWhiteSpace(reason))
                    throw new PrismaFlowException($"{key} needs a named reason with a non-negative count (got '{reason}': {n}).");
        foreach (var source in Sources)
            if (source.Records < 0 || source.ReportedCount < 0 || string.IsNullOrWhiteSpace(source.Source))
                throw new PrismaFlowException($"Source '{source.Source}' needs a name and non-negative counts.");
    }

    private static int? Sum(params int?[] values) =>
        values.Any(v => v is not null) ? values.Sum(v => v ?? 0) : null;

    private Dictionary<string, int> RecordsBySource(SourceKind kind) =>
        Sources.Where(s => s.Kind == kind).GroupBy(s => s.Source).ToDictionary(g => g.Key, g => g.Sum(s => s.Records));
}

/// <summary>A flow typed in from a publication or protocol for comparison; any subset of its counts may be null.</summary>
public sealed record ReportedFlow(PrismaFlow Figures);

/// <summary>An invalid flow (negative counts, unnamed reasons); the message is one line for the CLI and a 400.</summary>
public sealed class PrismaFlowException(string message) : Exception("Invalid PRISMA flow: " + message);
