using EventReview.Prisma;
using EventReview.Searches;

namespace EventReview.Seed;

/// <summary>One search of the paper's Table 1, as printed.</summary>
public sealed record SeedSearch(string Key, string Source, SearchKind Kind, string Keywords, string Query, string Filters, int ReportedCount)
{
    public Guid Id => SeedIds.Create("search:" + Key);
}

/// <summary>
/// One included study as the paper's reference list prints it (authors up to "et al.", journal abbreviation,
/// volume and pages, DOI), with its reference number and the table that appraises it.
/// </summary>
public sealed record SeedStudy(
    int Reference,
    IReadOnlyList<string> Authors,
    bool EtAl,
    string Title,
    string Journal,
    int Year,
    string Volume,
    string Pages,
    string Doi,
    string StudyLabel,
    string? Caveat = null);

/// <summary>
/// What Amin et al. (2025) publish: the protocol, Table 1's searches, the reference-list entries of the eight
/// included studies, and the flow the Results section prints. Everything here is transcribed from
/// tests/data/seed/000_f6e015d01e819f05.txt; nothing is reconstructed (that is <see cref="SeedPlan"/>).
/// </summary>
public static class SeedPaper
{
    public const string Citation =
        "Amin MN, Hashish R, Agha Tabari K, et al. Immunomodulatory Role of Mesenchymal Stem Cell Therapy in Multiple Sclerosis: "
        + "A Systematic Review. Cureus 17(6): e86988 (June 29, 2025). DOI 10.7759/cureus.86988";

    public const string ShortCitation = "Amin et al. 2025, Cureus 17(6):e86988";

    public static Guid ReviewId { get; } = SeedIds.Create("review:amin-2025-cureus-e86988");

    public const string Title =
        "Immunomodulatory Role of Mesenchymal Stem Cell Therapy in Multiple Sclerosis: A Systematic Review (seed: reconstruction of Amin et al. 2025)";

    public const string Question =
        "As the paper states its aim: \"this systematic review aims to synthesize clinical evidence on the immunomodulatory and "
        + "restorative effects of MSC therapy in MS, with a focus on inflammatory markers, immune balance, and clinical endpoints.\" "
        + "It \"looked at how MSC transplantation affects cerebrospinal fluid (CSF) biomarkers and the immune system, and checked "
        + "whether they can indicate the safety and effectiveness of the treatment for MS.\"";

    public const string EligibilityCriteria =
        "As printed (Methods, Eligibility Criteria): \"We chose the studies according to the elements of Participants, Intervention, "
        + "and Outcomes (PIO): Participants - MS patients; Intervention - stem cells, MSCs; and Outcome - immune response, an "
        + "immunomodulatory outcome measure. Furthermore, we implemented additional inclusion and exclusion criteria. The inclusion "
        + "criteria encompassed English-language full-text articles disseminated within the preceding five years, as well as RCTs, "
        + "systematic reviews, observational studies, meta-analyses, and reviews. The exclusion criteria comprised case reports, case "
        + "studies, and editorials.\" Quality: \"A minimum score of 70% was required for acceptance from each assessment tool\" "
        + "(CCRBT for RCTs, JBI for quasi-experimental studies, AMSTAR 2 for systematic reviews, SANRA 2 for narrative reviews).";

    /// <summary>The paper gives no search date, only "published up to March 24, 2025"; that date stands for when the searches ran.</summary>
    public static DateOnly SearchedOn { get; } = new(2025, 3, 24);

    public static IReadOnlyList<SeedSearch> Searches { get; } =
    [
        new("pubmed", "PubMed", SearchKind.Database,
            "Multiple Sclerosis disease, Autoimmune diseases, Neurodegenerative diseases, Mesenchymal stem cells (MSCs), Stem cell therapy, Mesenchymal stem cell therapy, Cell and tissue-based therapy, Immune response, Immunomodulatory effect, Autoimmunity",
            """#1 Multiple Sclerosis disease OR Autoimmune diseases OR neurodegenerative diseases OR ("Multiple Sclerosis/blood"[Majr] OR "Multiple Sclerosis/cerebrospinal fluid"[Majr] OR "Multiple Sclerosis/diagnosis"[Majr] OR "Multiple Sclerosis/diagnostic imaging"[Majr] OR "Multiple Sclerosis/diet therapy"[Majr] OR "Multiple Sclerosis/drug therapy"[Majr] OR "Multiple Sclerosis/enzymology"[Majr] OR "Multiple Sclerosis/epidemiology"[Majr] OR "Multiple Sclerosis/etiology"[Majr] OR "Multiple Sclerosis/genetics"[Majr] OR "Multiple Sclerosis/history"[Majr] OR "Multiple Sclerosis/immunology"[Majr] OR "Multiple Sclerosis/microbiology"[Majr] OR "Multiple Sclerosis/mortality"[Majr] OR "Multiple Sclerosis/pathology"[Majr] OR "Multiple Sclerosis/prevention and control"[Majr] OR "Multiple Sclerosis/therapy"[Majr] OR "Multiple Sclerosis/urine"[Majr] OR "Multiple Sclerosis/veterinary"[Majr]) #2 Mesenchymal stem cell (MSCs) Stem cell therapy OR mesenchymal stem cell therapy OR ("Mesenchymal Stem Cells/chemistry"[Majr] OR cell and tissue-based therapy OR "Mesenchymal Stem Cells/cytology"[Majr] OR "Mesenchymal Stem Cells/drug effects"[Majr] OR "Mesenchymal Stem Cells/enzymology"[Majr] OR "Mesenchymal Stem Cells/immunology"[Majr] OR "Mesenchymal Stem Cells/metabolism"[Majr] OR "Mesenchymal Stem Cells/microbiology"[Majr] OR "Mesenchymal Stem Cells/pathology"[Majr]) #3 Immune response OR immunomodulatory effect OR autoimmunity OR ("Autoimmunity/drug effects"[Majr] OR "Autoimmunity/genetics"[Majr] OR "Autoimmunity/immunology"[Majr] OR "Autoimmunity/physiology"[Majr] OR "Autoimmunity/radiation effects"[Majr]) #5 #1 AND #2 AND #3""",
            "Last Five Years, Free Full Text", 231),
        new("cochrane", "Cochrane Library", SearchKind.Database,
            "Multiple Sclerosis, Autoimmune disease, Autoimmune disorder, Mesenchymal stem cells (MSCs), Stem cell therapy",
            """#1 MeSH descriptor: [Multiple Sclerosis] explode all trees #2 (Multiple sclerosis NEXT (disease)) OR (Autoimmune NEXT (disease) #3 #1 OR #2 #4 MeSH descriptor: [Mesenchymal Stem Cells] explode all trees #5 (Mesenchymal stem cell NEXT (Stem cell therapy)) OR ("stem-cells") #6 #4 OR #5#7 #3 AND #6""",
            "2020-2025", 19),
        new("google-scholar", "Google Scholar", SearchKind.Database,
            "Multiple sclerosis disease, Modulation, Mesenchymal stem cell therapy",
            "\"Multiple Sclerosis disease\" AND \"modulation\" AND \"Mesenchymal stem cell therapy\"",
            "2020-2025", 122),
        new("pmc", "PMC", SearchKind.Database,
            "Multiple Sclerosis, Mesenchymal stem cells (MSCs), Immune response",
            """#1 Multiple Sclerosis[Title] #2 Mesenchymal stem cells (MSCs) #3 Immune response #4 #1 AND #2 AND #3 (("multiple sclerosis"[MeSH Major Topic] AND ("mesenchymal stem cells"[MeSH Terms] OR ("mesenchymal"[All Fields] AND "stem"[All Fields] AND "cells"[All Fields]) OR "mesenchymal stem cells"[All Fields] OR ("mesenchymal"[All Fields] AND "stem"[All Fields] AND "cell"[All Fields]) OR "mesenchymal stem cell"[All Fields]) AND MSCs[All Fields]) AND ("immunity"[MeSH Terms] OR "immunity"[All Fields] OR ("immune"[All Fields] AND "response"[All Fields]) OR "immune response"[All Fields])""",
            "Open Access, Five Years", 55),
        new("clinicaltrials-gov", "ClinicalTrials.gov", SearchKind.Register,
            "Multiple Sclerosis (MS), Multiple Sclerosis disease, Mesenchymal stem cells (MSCs), Stem cell therapy",
            "\"Multiple Sclerosis, MS\" AND \"Multiple Sclerosis disease\" AND \"Mesenchymal stem cell (MSCs) STEM CELL THERAPY\"",
            "2020-2025", 5),
    ];

    /// <summary>The eight included studies as the reference list prints them; <see cref="SeedStudy.StudyLabel"/> is how Tables 3 to 6 name them.</summary>
    public static IReadOnlyList<SeedStudy> IncludedStudies { get; } =
    [
        new(20, ["Petrou P", "Kassis I", "Ginzberg A", "Hallimi M", "Karussis D"], false,
            "Effects of mesenchymal stem cell transplantation on cerebrospinal fluid biomarkers in progressive multiple sclerosis",
            "Stem Cells Transl Med", 2022, "11", "55-8", "10.1093/stcltm/szab017", "Petrou et al. (2022)"),
        new(21, ["Harris VK", "Stark J", "Williams A"], true,
            "Efficacy of intrathecal mesenchymal stem cell-neural progenitor therapy in progressive MS: results from a phase II, randomized, placebo-controlled clinical trial",
            "Stem Cell Res Ther", 2024, "15", "151", "10.1186/s15287-024-03765-6", "Harris et al. (2024)",
            "The DOI is kept as printed (10.1186/s15287-024-03765-6). Stem Cell Research & Therapy DOIs begin 10.1186/s13287-, as references 18 and 41 of the same paper show, so 's15287' looks like a typo for 's13287'."),
        new(27, ["Cohen JA", "Lublin FD", "Lock C"], true,
            "Evaluation of neurotrophic factor secreting mesenchymal stem cells in progressive multiple sclerosis",
            "Mult Scler", 2023, "29", "92-106", "10.1177/13524585221122156", "Cohen et al. (2023)"),
        new(28, ["Jamali F", "Aldughmi M", "Atiani S"], true,
            "Human umbilical cord-derived mesenchymal stem cells in the treatment of multiple sclerosis patients: phase I/II dose-finding clinical study",
            "Cell Transplant", 2024, "33", "3045", "10.1177/09636897241233045", "Jamali et al. (2024)",
            "The pages are kept as printed (33:3045); the DOI suffix suggests the article number 9636897241233045, of which 3045 is the tail."),
        new(29, ["Nawar AA", "Farid AM", "Wally R"], true,
            "Efficacy and safety of stem cell transplantation for multiple sclerosis: a systematic review and meta-analysis of randomized controlled trials",
            "Sci Rep", 2024, "14", "12545", "10.1038/s41598-024-62726-4", "Nawar et al. (2024)"),
        new(6, ["Islam MA", "Alam SS", "Kundu S", "Ahmed S", "Sultana S", "Patar A", "Hossain T"], false,
            "Mesenchymal stem cell therapy in multiple sclerosis: a systematic review and meta-analysis",
            "J Clin Med", 2023, "12", "6311", "10.3390/jcm12196311", "Islam et al. (2023)"),
        new(30, ["Zeng L", "Yu G", "Yang K", "Xiang W", "Li J", "Chen H"], false,
            "Efficacy and safety of mesenchymal stem cell transplantation in the treatment of autoimmune diseases (rheumatoid arthritis, systemic lupus erythematosus, inflammatory bowel disease, multiple sclerosis, and ankylosing spondylitis): a systematic review and meta-analysis of randomized controlled trial",
            "Stem Cells Int", 2022, "2022", "9463314", "10.1155/2022/9463314", "Zeng et al. (2022)"),
        new(14, ["Hu H", "Li H", "Li R", "Liu P", "Liu H"], false,
            "Re-establishing immune tolerance in multiple sclerosis: focusing on novel mechanisms of mesenchymal stem cell regulation of Th17/Treg balance",
            "J Transl Med", 2024, "22", "663", "10.1186/s12967-024-05450-x", "Hu et al. (2024)"),
    ];

    /// <summary>The full-text exclusion reasons of the Results section, with the counts it prints.</summary>
    public static IReadOnlyList<(string Code, string Label, int Printed)> FullTextReasons { get; } =
    [
        ("quality-below-threshold", "Quality score below 70%", 6),
        ("not-open-access", "Not open access", 12),
        ("preclinical", "Preclinical study", 2),
    ];

    public const string ReportedFlowSource =
        "Amin et al. 2025 (Cureus 17(6):e86988), Results text and Figure 1; per-source counts and the database/register split from Table 1";

    /// <summary>
    /// The flow as the paper prints it. The Results text gives 432 identified in total; Table 1 gives the five
    /// sources, ClinicalTrials.gov being a register, so 427 from databases and 5 from registers.
    /// </summary>
    public static PrismaFlow ReportedFlow { get; } = new()
    {
        DatabaseResults = 427,
        RegisterResults = 5,
        Duplicates = 14,
        ExcludedAutomatic = 6,
        ExcludedOther = 4,
        RecordsScreened = 408,
        RecordsExcluded = 369,
        DbrSoughtReports = 59,
        DbrNotRetrievedReports = 11,
        DbrAssessed = 28,
        DbrExcluded = FullTextReasons.ToDictionary(r => r.Label, r => r.Printed),
        NewStudies = 8,
        NewReports = 8,
        Sources = [.. Searches.Select(s => new SourceCount(s.Source, s.Kind == SearchKind.Register ? SourceKind.Register : SourceKind.Database, s.ReportedCount))],
    };
}
