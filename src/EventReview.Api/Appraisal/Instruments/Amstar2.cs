namespace EventReview.Appraisal;

/// <summary>
/// AMSTAR 2 (Shea et al. 2017, BMJ 358:j4008). Critical domains are items 2, 4, 7, 9, 11, 13 and 15.
/// The official form offers "partial yes" only on items 2, 4, 7, 8 and 9; it is accepted on every item here
/// because published appraisals (the seed review among them) use it elsewhere and it never counts as a flaw.
/// </summary>
public static class Amstar2
{
    public const string Id = "amstar2";
    public const string Yes = "yes";
    public const string PartialYes = "partial-yes";
    public const string No = "no";
    public const string NoMetaAnalysis = "no-meta-analysis";

    private static readonly RatingOption[] Ratings =
    [
        new(Yes, "Yes"),
        new(PartialYes, "Partial yes"),
        new(No, "No"),
        new(NoMetaAnalysis, "No meta-analysis conducted", NotApplicable: true),
    ];

    private static readonly string[] WithoutMetaAnalysisOption = [Yes, PartialYes, No];

    public static AppraisalInstrument Instrument { get; } = new(
        Id,
        "2017",
        "AMSTAR 2: a critical appraisal tool for systematic reviews",
        [
            Item("1", "Did the research questions and inclusion criteria for the review include the components of PICO?", "PICO"),
            Item("2", "Did the report of the review contain an explicit statement that the review methods were established prior to the conduct of the review and did the report justify any significant deviations from the protocol?", "Protocol", critical: true),
            Item("3", "Did the review authors explain their selection of the study designs for inclusion in the review?", "Study designs"),
            Item("4", "Did the review authors use a comprehensive literature search strategy?", "Literature search", critical: true),
            Item("5", "Did the review authors perform study selection in duplicate?", "Duplicate selection"),
            Item("6", "Did the review authors perform data extraction in duplicate?", "Duplicate extraction"),
            Item("7", "Did the review authors provide a list of excluded studies and justify the exclusions?", "Excluded studies justified", critical: true),
            Item("8", "Did the review authors describe the included studies in adequate detail?", "Included studies described"),
            Item("9", "Did the review authors use a satisfactory technique for assessing the risk of bias (RoB) in individual studies that were included in the review?", "Risk of bias assessed", critical: true),
            Item("10", "Did the review authors report on the sources of funding for the studies included in the review?", "Funding of included studies"),
            Item("11", "If meta-analysis was performed did the review authors use appropriate methods for statistical combination of results?", "Meta-analysis methods", critical: true, metaAnalysis: true),
            Item("12", "If meta-analysis was performed, did the review authors assess the potential impact of RoB in individual studies on the results of the meta-analysis or other evidence synthesis?", "Impact of risk of bias", metaAnalysis: true),
            Item("13", "Did the review authors account for RoB in individual studies when interpreting/discussing the results of the review?", "Risk of bias in discussion", critical: true),
            Item("14", "Did the review authors provide a satisfactory explanation for, and discussion of, any heterogeneity observed in the results of the review?", "Heterogeneity"),
            Item("15", "If they performed quantitative synthesis did the review authors carry out an adequate investigation of publication bias (small study bias) and discuss its likely impact on the results of the review?", "Publication bias", critical: true, metaAnalysis: true),
            Item("16", "Did the review authors report any potential sources of conflict of interest, including any funding they received for conducting the review?", "Conflicts of interest"),
        ],
        Ratings,
        ScoringRule.Seed(Ratings),
        OverallRatingMethod.Amstar2);

    private static InstrumentItem Item(string id, string text, string label, bool critical = false, bool metaAnalysis = false) =>
        new(id, text, label, Critical: critical, AllowedRatings: metaAnalysis ? null : WithoutMetaAnalysisOption);
}
