using System.Globalization;
using System.Xml.Linq;
using EventReview.Prisma;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.PrismaDerivation;

public class PrismaFlowTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Every_box_follows_from_the_decisions_made()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var ids = await review.RecordsAsync(10);
        await review.OkAsync(review.Lead, HttpMethod.Post, $"/records/{ids[9]}/duplicate-of", new { recordId = ids[0] });
        await review.OkAsync(review.Lead, HttpMethod.Post, $"/records/{ids[8]}/removal", new { reason = "automation", detail = "RobotSearch" });
        await review.OkAsync(review.Lead, HttpMethod.Post, $"/records/{ids[7]}/removal", new { reason = "other", detail = "Retracted" });
        foreach (var id in ids.Take(3)) await review.ToFullTextAsync(id);                 // 3 sought and retrieved
        await review.VoteAsync(review.S1, ids[3], "include");
        await review.VoteAsync(review.S2, ids[3], "include");
        await review.RetrievalAsync(ids[3], false, "Not available");                    // 1 not retrieved
        foreach (var id in ids.Skip(4).Take(2))
        {
            await review.VoteAsync(review.S1, id, "exclude", reasonCode: "wrong-population");
            await review.VoteAsync(review.S2, id, "exclude", reasonCode: "wrong-population");
        }                                                                              // 2 excluded at title-abstract
        await review.VoteAsync(review.S1, ids[0], "include", "full-text");
        await review.VoteAsync(review.S2, ids[0], "include", "full-text");
        await review.VoteAsync(review.S1, ids[1], "exclude", "full-text", "wrong-design");
        await review.VoteAsync(review.S2, ids[1], "exclude", "full-text", "wrong-design");

        var flow = await review.PrismaAsync();

        // 10 identified = 1 duplicate + 1 automation + 1 other + 7 screened; 7 screened = 2 excluded + 4 sought + 1 unscreened;
        // 4 sought = 1 not retrieved + 3 assessed; 3 assessed = 1 excluded (wrong design) + 1 included + 1 undecided.
        flow.DatabaseResults.ShouldBe(10);
        flow.Duplicates.ShouldBe(1);
        flow.ExcludedAutomatic.ShouldBe(1);
        flow.ExcludedOther.ShouldBe(1);
        flow.RecordsScreened.ShouldBe(7);
        flow.RecordsExcluded.ShouldBe(2);
        flow.RecordsAwaitingScreening.ShouldBe(1);
        flow.DbrSoughtReports.ShouldBe(4);
        flow.DbrNotRetrievedReports.ShouldBe(1);
        flow.DbrAssessed.ShouldBe(3);
        flow.DbrExcluded.ShouldBe(new Dictionary<string, int> { ["Wrong study design"] = 1 });
        flow.DbrAwaitingAssessment.ShouldBe(1);
        flow.NewReports.ShouldBe(1);
        flow.NewStudies.ShouldBe(1);
        flow.Discrepancies.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_reported_count_that_differs_from_the_import_is_a_discrepancy()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var search = await review.SearchAsync("Cochrane Library", reportedCount: 7);
        await review.ImportAsync(search, ReviewScenario.Ris(5, "Cochrane"));

        var source = (await review.PrismaAsync()).Discrepancies.ShouldHaveSingleItem();

        (source.Code, source.Expected, source.Actual).ShouldBe(("source-count-differs", 7, 5));
    }

    [Fact]
    public async Task A_published_flow_entered_for_comparison_shows_where_it_differs()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        await review.RecordsAsync(4);
        await review.OkAsync(review.Lead, HttpMethod.Post, "/reported-flow",
            new { source = "Published figure 1", figures = new Dictionary<string, int> { ["database_results"] = 5, ["records_screened"] = 4 } });

        var codes = (await review.PrismaAsync()).Discrepancies.Select(d => (d.Code, d.Key)).ToList();

        codes.ShouldContain(("reported-differs", "database_results"));
        codes.ShouldNotContain(("reported-differs", "records_screened"));
    }

    [Fact]
    public async Task The_flow_as_of_an_earlier_moment_shows_the_earlier_counts()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var ids = await review.RecordsAsync(3);
        await review.VoteAsync(review.S1, ids[0], "exclude", reasonCode: "wrong-population");
        await review.VoteAsync(review.S2, ids[0], "exclude", reasonCode: "wrong-population");
        await review.VoteAsync(review.S1, ids[1], "exclude", reasonCode: "wrong-population");
        await review.VoteAsync(review.S2, ids[1], "exclude", reasonCode: "wrong-population");
        // A moment between the first record's decision and the second record's first vote, read from the events'
        // own timestamps: the server stamps them, so no clock read by the test has to fall between two requests.
        var firstDecided = (await review.TrailAsync(ids[0])).Events.Single(e => e.Event == "screening_decided").At;
        var secondVoted = (await review.TrailAsync(ids[1])).Votes[0].At;
        var between = firstDecided + (secondVoted - firstDecided) / 2;

        var then = await review.PrismaAsync(asOf: between);
        var now = await review.PrismaAsync();

        then.RecordsExcluded.ShouldBe(1);
        now.RecordsExcluded.ShouldBe(2);
        then.RecordsAwaitingScreening.ShouldBe(2);
    }

    [Fact]
    public async Task The_csv_reads_back_as_the_PRISMA2020_package_reads_it()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var ids = await review.RecordsAsync(4);
        await review.ToFullTextAsync(ids[0]);
        await review.VoteAsync(review.S1, ids[0], "exclude", "full-text", "no-outcome");
        await review.VoteAsync(review.S2, ids[0], "exclude", "full-text", "no-outcome");
        var counts = (await review.PrismaAsync()).Counts().ToDictionary(c => c.Key, c => c.Value);
        var response = await review.SendAsync(review.Lead, HttpMethod.Get, "/prisma.csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        lines[0].TrimEnd('\r').ShouldBe("data,node,box,description,boxtext,tooltips,url,n");
        var n = lines.Skip(1).Select(ParseRow).Where(r => r.Key != "NA").ToDictionary(r => r.Key, r => r.N);
        // PRISMA_data(): numeric rows must be digits only; reasons are "Reason, n; Reason, n".
        foreach (var key in new[] { "database_results", "duplicates", "records_screened", "records_excluded", "dbr_sought_reports", "dbr_assessed", "new_studies" })
        {
            n[key].ShouldMatch("^[0-9]+$");
            n[key].ShouldBe(counts[key]?.ToString(CultureInfo.InvariantCulture));
        }
        n["dbr_excluded"].ShouldBe("Outcome not reported, 1");
    }

    [Fact]
    public async Task The_svg_is_valid_xml_whose_boxes_carry_the_numbers()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        await review.RecordsAsync(12);
        var response = await review.SendAsync(review.Lead, HttpMethod.Get, "/prisma.svg");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");

        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var text = string.Join(" ", svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value));
        text.ShouldContain("(n = 12)");
    }

    [Fact]
    public async Task Two_included_reports_of_one_study_count_as_one_study_and_two_reports()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var ids = await review.RecordsAsync(2);
        await review.OkAsync(review.Lead, HttpMethod.Post, $"/records/{ids[1]}/study", new { studyId = ids[0], note = "Conference abstract of the trial" });
        foreach (var id in ids)
        {
            await review.ToFullTextAsync(id);
            await review.VoteAsync(review.S1, id, "include", "full-text");
            await review.VoteAsync(review.S2, id, "include", "full-text");
        }

        var flow = await review.PrismaAsync();

        (flow.NewReports, flow.NewStudies).ShouldBe((2, 1));
        await (await review.SendAsync(review.S1, HttpMethod.Post, $"/records/{ids[0]}/study", new { studyId = ids[1] }))
            .ShouldBeProblemAsync(System.Net.HttpStatusCode.Forbidden);
    }

    /// <summary>Splits one CSV row into its data key and its n column, honouring quotes.</summary>
    private static (string Key, string N) ParseRow(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.TrimEnd('\r').Length; i++)
        {
            var c = line[i];
            if (c == '"' && quoted && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return (fields[0], fields[^1]);
    }
}
