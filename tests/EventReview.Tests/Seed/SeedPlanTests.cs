using EventReview.Appraisal;
using EventReview.Prisma;
using EventReview.Screening;
using EventReview.Seed;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.Seed;

/// <summary>The seed's data without a database: the paper transcribed, the reconstruction's counts, and the ids.</summary>
public class SeedPlanTests
{
    /// <summary>The paper's text with its page breaks joined: one reference is split across pages as "... a\n\n- systematic ...".</summary>
    private static readonly string Paper = System.Text.RegularExpressions.Regex.Replace(
        File.ReadAllText(TestData.Path("seed", "000_f6e015d01e819f05.txt")), @"\n\s*\n- (?=[a-z])", " ");

    [Fact]
    public void Table_1_is_transcribed_verbatim_and_its_counts_add_up_to_the_432_identified()
    {
        foreach (var search in SeedPaper.Searches)
        {
            Paper.ShouldContain($"{search.Source}\t{search.Keywords}\t{search.Query}\t{search.Filters}\t{search.ReportedCount}");
        }
        SeedPaper.Searches.Sum(s => s.ReportedCount).ShouldBe(432);
        Paper.ShouldContain("ClinicalTrials.gov was 432");
    }

    [Fact]
    public void Each_included_study_is_its_reference_list_entry()
    {
        foreach (var study in SeedPaper.IncludedStudies)
        {
            var authors = string.Join(", ", study.Authors) + (study.EtAl ? ", et al." : "");
            Paper.ShouldContain($"{authors}: {study.Title}. *{study.Journal}.* {study.Year}, {study.Volume}:{study.Pages}. [{study.Doi}](https://doi.org/{study.Doi})");
            SeedAppraisals.All.Single(a => a.Reference == study.Reference).Study.ShouldBe(study.StudyLabel);
        }
        SeedPaper.IncludedStudies.Select(s => s.Reference).ShouldBe([20, 21, 27, 28, 29, 6, 30, 14], ignoreOrder: true);
    }

    [Fact]
    public void The_reported_flow_is_the_results_text_and_breaks_where_the_paper_does()
    {
        // "59 articles were chosen for retrieval, while 369 were eliminated" from 408 screened; "11 reports were not
        // retrievable"; "we assessed 28".
        Paper.ShouldContain("removed 14 duplicated articles, removed six records by automated tools, and removed four for other reasons");
        Paper.ShouldContain("59 articles were chosen for retrieval, while 369 were eliminated");
        Paper.ShouldContain("we excluded six studies with scores lower than 70%, 12 studies not open access, and two preclinical studies");

        PrismaInvariants.Check(SeedPaper.ReportedFlow).Select(d => (d.Code, d.Key, d.Expected, d.Actual)).ShouldBe(
        [
            ("screening-balance", "dbr_sought_reports", 39, 59),
            ("retrieval-balance", "dbr_assessed", 48, 28),
        ]);
    }

    [Fact]
    public void The_plan_puts_each_record_where_the_published_flow_needs_it()
    {
        var plan = SeedPlan.Records;
        plan.GroupBy(r => r.Search.Source).ToDictionary(g => g.Key, g => g.Count())
            .ShouldBe(SeedPaper.Searches.ToDictionary(s => s.Source, s => s.ReportedCount), ignoreOrder: true);
        plan.GroupBy(r => r.Fate).ToDictionary(g => g.Key, g => g.Count()).ShouldBe(new Dictionary<SeedFate, int>
        {
            [SeedFate.Duplicate] = 14, [SeedFate.RemovedByAutomation] = 6, [SeedFate.RemovedOther] = 4,
            [SeedFate.ExcludedAtTitleAbstract] = 369, [SeedFate.NotRetrieved] = 11, [SeedFate.ExcludedAtFullText] = 20, [SeedFate.Included] = 8,
        }, ignoreOrder: true);
        plan.Where(r => r.Fate == SeedFate.Included).ShouldAllBe(r => !r.Reconstructed);
        plan.Where(r => r.Fate == SeedFate.ExcludedAtFullText).GroupBy(r => r.FullTextReason!).ToDictionary(g => g.Key, g => g.Count())
            .ShouldBe(new Dictionary<string, int> { ["quality-below-threshold"] = 6, ["not-open-access"] = 12, ["preclinical"] = 2 }, ignoreOrder: true);

        // Duplicates point at PubMed stand-ins that are themselves screened.
        plan.Where(r => r.Fate == SeedFate.Duplicate).ShouldAllBe(r => SeedPlan.Get(r.DuplicateOfKey!).Screened && SeedPlan.Get(r.DuplicateOfKey!).Reconstructed);

        // Title-abstract votes: the first votes agree on 30 includes and 345 excludes; 17 + 16 disagree.
        var screened = plan.Where(r => r.Screened).ToList();
        screened.GroupBy(r => (r.Screener1TitleAbstract!.Decision, r.Screener2TitleAbstract!.Decision)).ToDictionary(g => g.Key, g => g.Count())
            .ShouldBe(new Dictionary<(Decision, Decision), int>
            {
                [(Decision.Include, Decision.Include)] = 30, [(Decision.Include, Decision.Exclude)] = 17,
                [(Decision.Exclude, Decision.Include)] = 16, [(Decision.Exclude, Decision.Exclude)] = 345,
            }, ignoreOrder: true);
        plan.Where(r => r.Assessed).Count(r => r.Screener1FullText != r.Screener2FullText).ShouldBe(2);
    }

    [Fact]
    public void Stand_ins_say_what_they_are_and_real_records_carry_their_printed_citation()
    {
        var standIn = SeedPlan.Get("pubmed-017").Ris();
        standIn.ShouldContain("TI  - [Reconstructed record 17 of 231 from PubMed; the individual search results were not published]\r\n");
        SeedPlan.Records.Single(r => r.Key == "google-scholar-115").Ris()
            .ShouldContain("TI  - [Reconstructed record 115 of 122 from Google Scholar, a duplicate of reconstructed record 11 of 231 from PubMed;");

        var petrou = SeedPlan.Get("pubmed-001").Ris();
        petrou.ShouldContain("AU  - Petrou, P\r\n");
        petrou.ShouldContain("SP  - 55\r\nEP  - 58\r\n");
        petrou.ShouldContain("DO  - 10.1093/stcltm/szab017\r\n");
    }

    [Fact]
    public void Ids_are_name_based_so_every_load_gives_the_same_ones()
    {
        // RFC 9562 (appendix A.4): version 5 of "www.example.com" in the DNS namespace.
        SeedIds.Create(new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "www.example.com").ShouldBe(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
        SeedPaper.ReviewId.ShouldBe(new Guid("d47063b1-936b-51c3-b7ea-b4104991b3e3"));
        SeedPaper.Searches.Select(s => s.Id).Distinct().Count().ShouldBe(5);
    }

    [Fact]
    public void The_seeded_generator_is_splitmix64()
    {
        // SplitMix64 seeded with 0: the reference implementation's first outputs (Vigna, prng.di.unimi.it/splitmix64.c).
        var random = new SeededRandom(0);
        random.Next().ShouldBe(0xE220A8397B1DCDAFUL);
        random.Next().ShouldBe(0x6E789E6AA1B965F4UL);
    }
}
