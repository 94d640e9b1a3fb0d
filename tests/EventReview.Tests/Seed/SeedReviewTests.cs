using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using EventReview.Seed;
using Shouldly;

namespace EventReview.Tests.Seed;

/// <summary>
/// The seed review (Amin et al. 2025, Cureus 17(6):e86988) loaded as `eventreview demo` loads it, read back through
/// the API. Every expected number is worked from the paper by hand in the comments; none is taken from the code.
/// </summary>
public class SeedReviewTests(SeededApp app) : IClassFixture<SeededApp>
{
    private static readonly string Review = $"/api/reviews/{SeedPaper.ReviewId}";

    [Fact]
    public async Task The_flow_equals_the_published_one_where_the_paper_is_consistent_and_is_derived_where_it_is_not()
    {
        var flow = await app.GetAsync(Review + "/prisma");

        // Identification: Table 1 gives PubMed 231 + Cochrane 19 + Google Scholar 122 + PMC 55 = 427 from databases and
        // ClinicalTrials.gov 5 from a register; 432 in all, as the Results text says. 432 - 14 - 6 - 4 = 408 screened, as printed.
        // Screening: 408 screened - 369 excluded = 39 sought (the paper prints 59). Retrieval: 39 - 11 not retrieved = 28
        // assessed, as printed. Eligibility: 28 - (6 + 12 + 2) = 8 included, as printed.
        var expected = new Dictionary<string, int?>
        {
            ["previous_studies"] = null, ["previous_reports"] = null,
            ["database_results"] = 427, ["register_results"] = 5,
            ["website_results"] = null, ["organisation_results"] = null, ["citations_results"] = null,
            ["duplicates"] = 14, ["excluded_automatic"] = 6, ["excluded_other"] = 4,
            ["records_screened"] = 408, ["records_excluded"] = 369, ["records_excluded_automation"] = 0,
            ["records_awaiting_screening"] = 0, ["dbr_awaiting_retrieval"] = 0, ["dbr_awaiting_assessment"] = 0,
            ["other_awaiting_retrieval"] = null, ["other_awaiting_assessment"] = null,
            ["dbr_sought_reports"] = 39, ["dbr_notretrieved_reports"] = 11,
            ["other_sought_reports"] = null, ["other_notretrieved_reports"] = null,
            ["dbr_assessed"] = 28, ["other_assessed"] = null,
            ["new_studies"] = 8, ["new_reports"] = 8, ["total_studies"] = null, ["total_reports"] = null,
        };
        expected.ToDictionary(e => e.Key, e => Count(flow, e.Key)).ShouldBe(expected);
        Reasons(flow.GetProperty("dbr_excluded")).ShouldBe(new Dictionary<string, int>
        {
            ["Quality score below 70%"] = 6, ["Not open access"] = 12, ["Preclinical study"] = 2,
        }, ignoreOrder: true);
        flow.Items("sources").Select(s => (s.Str("source"), s.Str("kind"), s.Int("records"), s.Int("reportedCount"))).ShouldBe(
        [
            ("PubMed", "database", 231, 231), ("Cochrane Library", "database", 19, 19), ("Google Scholar", "database", 122, 122),
            ("PMC", "database", 55, 55), ("ClinicalTrials.gov", "register", 5, 5),
        ]);

        // The derived flow balances; the printed one breaks twice, and differs from the derived in one box.
        // 408 - 369 = 39, not the printed 59; 59 - 11 = 48, not the printed 28. Both gaps are 20 (the full-text exclusions).
        flow.Items("discrepancies").Select(d => (d.Str("code"), d.Str("key"), d.Int("expected"), d.Int("actual"))).ShouldBe(
        [
            ("reported-differs", "dbr_sought_reports", 39, 59),
            ("reported-screening-balance", "dbr_sought_reports", 39, 59),
            ("reported-retrieval-balance", "dbr_assessed", 48, 28),
        ], ignoreOrder: true);
    }

    [Fact]
    public async Task The_review_holds_the_papers_protocol_searches_members_and_reasons()
    {
        var review = await app.GetAsync(Review);

        review.Str("title")!.ShouldStartWith("Immunomodulatory Role of Mesenchymal Stem Cell Therapy in Multiple Sclerosis: A Systematic Review");
        review.Str("eligibilityCriteria")!.ShouldContain("Participants - MS patients; Intervention - stem cells, MSCs; and Outcome - immune response");
        review.Str("eligibilityCriteria")!.ShouldContain("The exclusion criteria comprised case reports, case studies, and editorials.");
        review.Str("question")!.ShouldContain("immunomodulatory and restorative effects of MSC therapy in MS");

        review.Items("members").Select(m => (m.Str("userId"), string.Join(",", m.Items("roles").Select(r => r.GetString())))).ShouldBe(
        [
            ("seed-lead", "lead,auditor"), ("seed-screener-1", "screener,appraiser"), ("seed-screener-2", "screener,appraiser"),
            ("seed-resolver", "resolver"),
        ], ignoreOrder: true);

        review.Items("searches").Select(s => (s.Str("source"), s.Str("kind"), s.Str("searchedOn"), s.Str("filters"), s.Int("reportedCount"))).ShouldBe(
        [
            ("PubMed", "database", "2025-03-24", "Last Five Years, Free Full Text", 231),
            ("Cochrane Library", "database", "2025-03-24", "2020-2025", 19),
            ("Google Scholar", "database", "2025-03-24", "2020-2025", 122),
            ("PMC", "database", "2025-03-24", "Open Access, Five Years", 55),
            ("ClinicalTrials.gov", "register", "2025-03-24", "2020-2025", 5),
        ]);
        review.Items("searches")[2].Str("query").ShouldBe("\"Multiple Sclerosis disease\" AND \"modulation\" AND \"Mesenchymal stem cell therapy\"");

        review.Items("exclusionReasons").Select(r => (r.Str("stage"), r.Str("code"), r.Str("label"))).ShouldBe(
        [
            ("full-text", "quality-below-threshold", "Quality score below 70%"),
            ("full-text", "not-open-access", "Not open access"),
            ("full-text", "preclinical", "Preclinical study"),
        ]);
        review.GetProperty("reportedFlow").Str("source")!.ShouldStartWith("Amin et al. 2025");
    }

    [Fact]
    public async Task The_eight_included_studies_are_the_papers_references_and_every_other_record_says_it_is_reconstructed()
    {
        var included = (await app.GetAsync(Review + "/records?status=included")).Items("records");
        included.Select(r => (r.GetProperty("bibliographic").Str("doi"), r.GetProperty("bibliographic").GetProperty("year").GetInt32())).ShouldBe(
        [
            ("10.1093/stcltm/szab017", 2022), ("10.1186/s15287-024-03765-6", 2024), ("10.1177/13524585221122156", 2023),
            ("10.1177/09636897241233045", 2024), ("10.1038/s41598-024-62726-4", 2024), ("10.3390/jcm12196311", 2023),
            ("10.1155/2022/9463314", 2022), ("10.1186/s12967-024-05450-x", 2024),
        ], ignoreOrder: true);
        var harris = included.Single(r => r.GetProperty("bibliographic").Str("doi") == "10.1186/s15287-024-03765-6").GetProperty("bibliographic");
        harris.Str("title").ShouldBe("Efficacy of intrathecal mesenchymal stem cell-neural progenitor therapy in progressive MS: results from a phase II, randomized, placebo-controlled clinical trial");
        harris.Items("authors").Select(a => a.GetString()).ShouldBe(["Harris, VK", "Stark, J", "Williams, A"]);
        harris.Str("abstract")!.ShouldContain("looks like a typo for 's13287'");

        var all = (await app.GetAsync(Review + "/records?pageSize=1000")).Items("records");
        all.Count.ShouldBe(432);
        var standIns = all.Where(r => r.Str("status") != "included").Select(r => r.GetProperty("bibliographic")).ToList();
        standIns.Count.ShouldBe(424);
        standIns.ShouldAllBe(b => b.Str("title")!.StartsWith("[Reconstructed record ", StringComparison.Ordinal)
            && b.Str("title")!.EndsWith("the individual search results were not published]", StringComparison.Ordinal)
            && b.Str("doi") == null);
        standIns.Select(b => b.Str("title")).ShouldContain("[Reconstructed record 17 of 231 from PubMed; the individual search results were not published]");
    }

    [Fact]
    public async Task The_appraisal_tables_recompute_the_published_ratings_under_the_papers_rule()
    {
        var appraisals = await app.GetAsync(Review + "/appraisals");
        var rows = appraisals.Items("instruments").SelectMany(t => t.Items("rows").Select(r => (Instrument: t.Str("instrument"), Row: r))).ToList();

        // One point for low risk, yes, partial yes or "1", two for "2"; accepted at 70% or more; N/A leaves the maximum.
        // JBI: Cohen yes on 1, 5-9 = 6 of 9 - 2 N/A = 7 -> 85.7%; Jamali yes on all but 4 = 8/9 = 88.9%.
        // RoB 1: Petrou low on 3 of the 7 domains (2 unrated) = 42.9% < 70%; Harris 5/7 = 71.4%. AMSTAR 2: Zeng "no" on
        // items 7 and 10 = 14/16 = 87.5%, Islam and Nawar "no" on 10 only = 15/16 = 93.75%. SANRA: Hu 2+2+1+2+2+1 = 10/12 = 83.3%.
        rows.Select(r => (r.Instrument, r.Row.Str("study"), r.Row.Str("total"), r.Row.Str("verdict"), r.Row.GetProperty("complete").GetBoolean(),
            r.Row.GetProperty("final").GetBoolean(), r.Row.Str("recordStatus"))).ShouldBe(
        [
            ("rob1", "Petrou et al. (2022)", "3/7 (42.9%)", "rejected", false, false, "included"),
            ("rob1", "Harris et al. (2024)", "5/7 (71.4%)", "accepted", false, false, "included"),
            ("jbi-quasi-experimental", "Cohen et al. (2023)", "6/7 (85.7%)", "accepted", true, true, "included"),
            ("jbi-quasi-experimental", "Jamali et al. (2024)", "8/9 (88.9%)", "accepted", true, true, "included"),
            ("amstar2", "Nawar et al. (2024)", "15/16 (93.8%)", "accepted", true, true, "included"),
            ("amstar2", "Islam et al. (2023)", "15/16 (93.8%)", "accepted", true, true, "included"),
            ("amstar2", "Zeng et al. (2022)", "14/16 (87.5%)", "accepted", true, true, "included"),
            ("sanra2", "Hu et al. (2024)", "10/12 (83.3%)", "accepted", true, true, "included"),
        ], ignoreOrder: true);
        // AMSTAR 2 confidence (Shea et al. 2017): Zeng's "no" on critical item 7 is a critical flaw -> low; one non-critical weakness -> high.
        rows.Where(r => r.Instrument == "amstar2").Select(r => (r.Row.Str("study"), r.Row.GetProperty("overallRating").Str("code")))
            .ShouldBe([("Nawar et al. (2024)", "high"), ("Islam et al. (2023)", "high"), ("Zeng et al. (2022)", "low")], ignoreOrder: true);
        rows.ShouldAllBe(r => r.Row.Items("appraisers").Single().Str("id") == "seed-screener-1");

        // The six quality exclusions carry no invented ratings: only the eight included studies are appraised.
        rows.Count.ShouldBe(8);
    }

    [Fact]
    public async Task The_printed_appraisal_rows_whose_totals_do_not_follow_from_their_ratings_are_flagged()
    {
        var printed = await app.GetAsync(Review + "/seed/printed-appraisals");
        var rows = printed.Items("tables").SelectMany(t => t.Items("rows")).ToDictionary(r => r.Str("study")!);

        rows.Where(r => r.Value.GetProperty("flagged").GetBoolean()).Select(r => r.Key)
            .ShouldBe(["Petrou et al. (2022)", "Cohen et al. (2023)", "Jamali et al. (2024)"], ignoreOrder: true);
        // Cohen is printed "7/9 (100%)": six yes, two N/A and a no give 6/7, and 7/9 would be 77.8%, not 100%.
        rows["Cohen et al. (2023)"].Items("discrepancies").Select(d => d.GetString()).ShouldBe(
        [
            "printed score 7 but the ratings give 6",
            "printed maximum 9 but the ratings give 7",
            "printed 100% but the ratings give 6/7 (85.7%)",
            "printed 100% does not follow from the printed 7/9 (77.8%)",
        ]);
        // Jamali is printed "8/9 (100%)": 8/9 is 88.9%.
        rows["Jamali et al. (2024)"].Items("discrepancies").Select(d => d.GetString()).ShouldBe(["printed 100% but the ratings give 8/9 (88.9%)"]);
        // Petrou is accepted in Table 2 but scores 3/7 = 42.9% under the paper's own rule.
        rows["Petrou et al. (2022)"].Items("discrepancies").Select(d => d.GetString())
            .ShouldBe(["printed verdict 'Accepted' but 3/7 (42.9%) is below the 70% threshold"]);
        rows.Values.ShouldAllBe(r => r.GetProperty("recordId").ValueKind == JsonValueKind.String);

        // Table 2's lowest accepted scores are the ceiling of 70% of each maximum: 4.9 -> 5, 6.3 -> 7, 11.2 -> 12, 8.4 -> 9.
        printed.Items("acceptanceScores").Select(a => (a.Str("instrument"), a.Int("totalScore"), a.Int("printedAcceptedScore"), a.Int("recomputedAcceptedScore"),
            a.GetProperty("flagged").GetBoolean())).ShouldBe(
        [
            ("rob1", 7, 5, 5, false), ("jbi-quasi-experimental", 9, 7, 7, false), ("amstar2", 16, 12, 12, false), ("sanra2", 12, 9, 9, false),
        ]);
    }

    [Fact]
    public async Task Title_abstract_agreement_comes_from_the_two_screeners_first_votes()
    {
        var report = await app.GetAsync(Review + "/agreement?stage=title-abstract");

        // The plan's votes on the 408 screened records: both include 30, only screener 1 includes 17, only screener 2
        // includes 16, both exclude 345. po = 375/408; pe = (47 x 46 + 361 x 362) / 408^2 = 132844/166464;
        // kappa = (375 x 408 - 132844) / (408^2 - 132844) = 20156/33620 = 0.59952. PABAK = 2 po - 1 = 342/408.
        report.Int("items").ShouldBe(408);
        report.Items("raters").Select(r => r.GetString()).ShouldBe(["seed-screener-1", "seed-screener-2"]);
        report.GetProperty("percentAgreement").GetDouble().ShouldBe(375.0 / 408, 1e-12);
        report.GetProperty("cohenKappa").GetProperty("value").GetDouble().ShouldBe(20156.0 / 33620, 1e-12);
        report.GetProperty("pabak").GetProperty("value").GetDouble().ShouldBe(342.0 / 408, 1e-12);
    }

    [Fact]
    public async Task An_excluded_record_shows_every_decision_with_the_member_who_made_it()
    {
        // The one report excluded as not open access after the screeners disagreed (SeedPlan).
        var excluded = (await app.GetAsync(Review + "/records?reason=not-open-access&pageSize=100")).Items("records");
        excluded.Count.ShouldBe(12);
        var disputed = excluded.Single(r => r.GetProperty("fullText").GetProperty("basis").GetString() == "resolution");

        var trail = await app.GetAsync($"{Review}/records/{disputed.Str("id")}/trail");
        trail.Str("status").ShouldBe("excluded-full-text");
        trail.Items("events").Select(e => (e.Str("event"), e.Str("actorId"), e.Str("stage"), e.Str("decision"), e.Str("reasonCode"))).ShouldBe(
        [
            ("record_imported", "seed-lead", null, null, null),
            ("screening_vote_cast", "seed-screener-1", "title-abstract", "include", null),
            ("screening_vote_cast", "seed-screener-2", "title-abstract", "include", null),
            ("screening_decided", "seed-screener-2", "title-abstract", "include", null),
            ("full_text_retrieval_recorded", "seed-lead", null, null, null),
            ("screening_vote_cast", "seed-screener-1", "full-text", "exclude", "not-open-access"),
            ("screening_vote_cast", "seed-screener-2", "full-text", "include", null),
            ("screening_conflict_raised", "seed-screener-2", "full-text", null, null),
            ("screening_decided", "seed-resolver", "full-text", "exclude", "not-open-access"),
        ]);
        trail.Items("events")[^1].Str("reasonLabel").ShouldBe("Not open access");
        trail.Items("events")[^1].Str("note")!.ShouldContain("third reviewer");
    }

    [Fact]
    public async Task The_audit_trail_names_only_the_seed_members_and_the_resolver_decided_every_conflict()
    {
        var all = await app.GetAsync(Review + "/audit?pageSize=5000");
        all.Int("total").ShouldBe(app.Load.EventsAppended);
        all.Items("rows").Select(r => r.Str("actorId")).Distinct()
            .ShouldBe(["seed-lead", "seed-screener-1", "seed-screener-2", "seed-resolver"], ignoreOrder: true);

        // 9 + 24 title-abstract conflicts and 2 full-text conflicts, each resolved by the third reviewer.
        var resolver = await app.GetAsync(Review + "/audit?actor=seed-resolver&pageSize=5000");
        resolver.Int("total").ShouldBe(35);
        resolver.Items("rows").ShouldAllBe(r => r.Str("event") == "screening_decided");

        // Screener 1: 408 title-abstract and 28 full-text votes, and the appraisals: 2 x 9 JBI + 2 x 5 RoB + 3 x 16 AMSTAR + 6 SANRA = 82 items.
        var screener = await app.GetAsync(Review + "/audit?actor=seed-screener-1&pageSize=5000");
        screener.Items("rows").GroupBy(r => r.Str("event")).ToDictionary(g => g.Key!, g => g.Count())
            .ShouldBe(new Dictionary<string, int> { ["screening_vote_cast"] = 436, ["appraisal_item_rated"] = 82 });
    }

    [Fact]
    public async Task The_prisma_csv_and_svg_carry_the_derived_flow()
    {
        var csv = (await app.GetTextAsync(Review + "/prisma.csv")).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        csv[0].ShouldBe("data,node,box,description,boxtext,tooltips,url,n");
        var n = csv.Skip(1).Where(l => l.Length > 0).Select(l => (Key: l.Split(',')[0], N: l[(l.LastIndexOf(',') + 1)..])).ToList();
        foreach (var (key, value) in new[] { ("database_results", "427"), ("register_results", "5"), ("records_screened", "408"), ("dbr_sought_reports", "39"),
                     ("dbr_assessed", "28"), ("new_studies", "8") })
            n.ShouldContain((key, value));
        var reasons = csv.Single(l => l.StartsWith("dbr_excluded,", StringComparison.Ordinal));
        foreach (var reason in new[] { "Quality score below 70%, 6", "Not open access, 12", "Preclinical study, 2" }) reasons.ShouldContain(reason);

        var svg = XDocument.Parse(await app.GetTextAsync(Review + "/prisma.svg"));
        var text = string.Join(" ", svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value));
        foreach (var count in new[] { 408, 369, 39, 11, 28, 8 })
            text.ShouldContain($"(n = {count.ToString(CultureInfo.InvariantCulture)})");
    }

    [Fact]
    public async Task The_chain_of_every_seed_event_verifies()
    {
        var verification = await app.GetAsync(Review + "/verification");
        verification.GetProperty("intact").GetBoolean().ShouldBeTrue();
        verification.GetProperty("chain").GetProperty("eventsChecked").GetInt32().ShouldBe(app.Load.EventsAppended);
    }

    [Fact]
    public async Task Loading_again_appends_nothing_and_gives_the_same_id()
    {
        app.Load.AlreadyLoaded.ShouldBeFalse();
        app.Load.ReviewId.ShouldBe(new Guid("d47063b1-936b-51c3-b7ea-b4104991b3e3"));

        var again = await SeedLoader.LoadAsync(app.Store, null, CancellationToken.None);
        (again.ReviewId, again.AlreadyLoaded, again.EventsAppended).ShouldBe((app.Load.ReviewId, true, 0));

        // Every step skips what is already done, so a load that stopped halfway would finish without repeating any decision.
        (await SeedLoader.ApplyStepsAsync(app.Store, CancellationToken.None)).ShouldBe(0);
        (await app.GetAsync(Review + "/audit?pageSize=1")).Int("total").ShouldBe(app.Load.EventsAppended);
    }

    private static int? Count(JsonElement flow, string key) =>
        flow.GetProperty(key).ValueKind == JsonValueKind.Null ? null : flow.GetProperty(key).GetInt32();

    private static Dictionary<string, int> Reasons(JsonElement map) =>
        map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
}
