using System.Net;
using System.Text;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.Screening;

/// <summary>
/// GET /decisions.csv: one row per record with each reviewer's first and last vote at each stage, the conflict, the
/// resolution and the final decision, safe to open in a spreadsheet, and blinded exactly as the record list is.
/// </summary>
public class DecisionTableTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Every_column_of_every_row_says_what_the_votes_said()
    {
        var (review, records) = await FourRecordsVotedAsync();
        var rows = await TableAsync(review, review.Lead);

        string[] perReviewer = ["first", "first_reason", "last", "last_reason"];
        string[] perStage = ["conflict", "resolution", "outcome", "outcome_reason", "basis"];
        string[] header =
        [
            "record_id", "title", "year",
            .. Stage("title_abstract"), .. Stage("full_text"),
            "status", "final_decision",
        ];
        rows[0].ShouldBe(header);
        rows.Count.ShouldBe(5);

        // Record 1: included by both at title-abstract; at full text S1 includes, S2 excludes, the resolver excludes.
        rows[1].ShouldBe([
            records[0].ToString("D"), "PubMed study number 1 of stem cells", "2021",
            "include", "", "include", "", "include", "", "include", "", "no", "", "include", "", "unanimous",
            "include", "", "include", "", "exclude", "wrong-design", "exclude", "wrong-design",
            "yes", "exclude", "exclude", "wrong-design", "resolution",
            "excluded-full-text", "exclude",
        ]);

        // Record 2: a conflict at title-abstract, then S2 revises include to exclude; nobody has resolved it.
        rows[2].ShouldBe([
            records[1].ToString("D"), "PubMed study number 2 of stem cells", "2021",
            "exclude", "wrong-population", "exclude", "wrong-population", "include", "", "exclude", "wrong-population",
            "yes", "", "", "", "",
            "", "", "", "", "", "", "", "", "no", "", "", "", "",
            "title-abstract-conflict", "undecided",
        ]);

        // Record 3: S1 alone includes, then revises to exclude.
        rows[3].ShouldBe([
            records[2].ToString("D"), "PubMed study number 3 of stem cells", "2021",
            "include", "", "exclude", "wrong-population", "", "", "", "",
            "no", "", "", "", "",
            "", "", "", "", "", "", "", "", "no", "", "", "", "",
            "awaiting-title-abstract", "undecided",
        ]);

        // Record 4: nobody voted.
        rows[4].ShouldBe([
            records[3].ToString("D"), "PubMed study number 4 of stem cells", "2021",
            "", "", "", "", "", "", "", "", "no", "", "", "", "",
            "", "", "", "", "", "", "", "", "no", "", "", "", "",
            "awaiting-title-abstract", "undecided",
        ]);

        IEnumerable<string> Stage(string stage) =>
        [
            .. perReviewer.Select(c => $"{stage}.{c}.{review.S1}"), .. perReviewer.Select(c => $"{stage}.{c}.{review.S2}"),
            .. perStage.Select(c => $"{stage}.{c}"),
        ];
    }

    [Fact]
    public async Task A_blinded_screener_sees_only_their_own_votes_on_undecided_records()
    {
        var (review, _) = await FourRecordsVotedAsync();
        var rows = await TableAsync(review, review.S2);

        // Record 1 is decided at both stages, so S2 sees S1's votes there (columns 3 and 16) beside their own (20).
        rows[0][3].ShouldBe($"title_abstract.first.{review.S1}");
        (rows[1][3], rows[1][16], rows[1][20]).ShouldBe(("include", "include", "exclude"));

        // Record 2: the conflict and S1's votes are hidden, S2's own first and last vote are there; it reads as awaiting.
        rows[2].Skip(3).Take(13).ShouldBe(["", "", "", "", "include", "", "exclude", "wrong-population", "no", "", "", "", ""]);
        rows[2][^2..].ShouldBe(["awaiting-title-abstract", "undecided"]);

        // Record 3: S1's vote and revision are S1's alone until the record is decided.
        rows[3].Skip(3).Take(8).ShouldAllBe(cell => cell == "");
    }

    [Fact]
    public async Task Text_a_spreadsheet_would_run_as_a_formula_is_neutralised()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var search = await review.SearchAsync("Embase", 1);
        await review.ImportAsync(search, "TY  - JOUR\r\nTI  - =HYPERLINK(\"http://evil.example\",\"study\")\r\nPY  - 2020\r\nER  - \r\n");

        var text = await CsvAsync(review, review.Lead);

        text.ShouldContain(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"study\"\")\",2020,");
        Parse(text)[1][1].ShouldBe("'=HYPERLINK(\"http://evil.example\",\"study\")");
    }

    [Fact]
    public async Task As_of_a_moment_before_any_vote_the_table_has_no_votes()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var record = (await review.RecordsAsync(1))[0];
        var before = DateTimeOffset.UtcNow;
        await review.ToFullTextAsync(record);

        var past = Parse(await CsvAsync(review, review.Lead, "?asOf=" + Uri.EscapeDataString(before.ToString("O"))));
        var now = await TableAsync(review, review.Lead);

        past[0].ShouldBe(["record_id", "title", "year", .. Summary("title_abstract"), .. Summary("full_text"), "status", "final_decision"]);
        past[1][^2..].ShouldBe(["awaiting-title-abstract", "undecided"]);
        now[1][^2..].ShouldBe(["awaiting-full-text", "undecided"]);
        (await review.SendAsync(review.Lead, HttpMethod.Get, "/decisions.csv?asOf=2000-01-01T00:00:00Z")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        static IEnumerable<string> Summary(string stage) =>
            new[] { "conflict", "resolution", "outcome", "outcome_reason", "basis" }.Select(c => $"{stage}.{c}");
    }

    /// <summary>Four records in a blinded review with two screeners per record, voted as each test's comments say.</summary>
    private async Task<(ReviewScenario Review, IReadOnlyList<Guid> Records)> FourRecordsVotedAsync()
    {
        var review = await ReviewScenario.WithTeamAsync(app);
        var records = await review.RecordsAsync(4);
        await review.ToFullTextAsync(records[0]);
        await Ok(review.VoteAsync(review.S1, records[0], "include", "full-text"));
        await Ok(review.VoteAsync(review.S2, records[0], "exclude", "full-text", "wrong-design"));
        await Ok(review.ResolveAsync(review.Resolver, records[0], "exclude", "full-text", "wrong-design"));

        await Ok(review.VoteAsync(review.S1, records[1], "exclude", reasonCode: "wrong-population"));
        await Ok(review.VoteAsync(review.S2, records[1], "include"));
        await Ok(review.VoteAsync(review.S2, records[1], "exclude", reasonCode: "wrong-population", note: "Read the abstract again"));

        await Ok(review.VoteAsync(review.S1, records[2], "include"));
        await Ok(review.VoteAsync(review.S1, records[2], "exclude", reasonCode: "wrong-population", note: "Children only"));
        return (review, records);
    }

    private static async Task Ok(Task<HttpResponseMessage> sending)
    {
        var response = await sending;
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> CsvAsync(ReviewScenario review, string user, string query = "")
    {
        var response = await review.SendAsync(user, HttpMethod.Get, "/decisions.csv" + query);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        return text;
    }

    private static async Task<List<string[]>> TableAsync(ReviewScenario review, string user) => Parse(await CsvAsync(review, user));

    /// <summary>RFC 4180 lines: quoted cells may hold commas, doubled quotes and line breaks.</summary>
    private static List<string[]> Parse(string text)
    {
        var (rows, row, cell) = (new List<string[]>(), new List<string>(), new StringBuilder());
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"') cell.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') cell.Append(text[++i]);
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') (row, cell) = (Add(row, cell), new StringBuilder());
            else if (c == '\n') (rows, row, cell) = (AddRow(rows, Add(row, cell)), new List<string>(), new StringBuilder());
            else cell.Append(c);
        }

        return rows;

        static List<string> Add(List<string> row, StringBuilder cell)
        {
            row.Add(cell.ToString());
            return row;
        }

        static List<string[]> AddRow(List<string[]> rows, List<string> row)
        {
            rows.Add([.. row]);
            return rows;
        }
    }
}
