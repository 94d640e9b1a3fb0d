using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using EventReview.Prisma;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Prisma;

public class PrismaCsvTests
{
    [Fact]
    public void Header_and_rows_follow_the_PRISMA2020_template()
    {
        var lines = PrismaCsv.Write(Flows.Balanced()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        lines[0].ShouldBe("data,node,box,description,boxtext,tooltips,url,n");
        // The data column of inst/extdata/PRISMA.csv (PRISMA2020 1.1.4), in its order.
        Read(PrismaCsv.Write(Flows.Balanced())).Select(r => r.Data).ShouldBe(
        [
            "NA", "previous_studies", "previous_reports", "NA", "database_results", "database_specific_results",
            "register_results", "register_specific_results", "NA", "website_results", "organisation_results",
            "citations_results", "duplicates", "excluded_automatic", "excluded_other", "records_screened",
            "records_excluded", "dbr_sought_reports", "dbr_notretrieved_reports", "other_sought_reports",
            "other_notretrieved_reports", "dbr_assessed", "dbr_excluded", "other_assessed", "other_excluded",
            "new_studies", "new_reports", "total_studies", "total_reports", "identification", "screening", "included",
            "total_studies_ma", "total_reports_ma",
        ]);
        // Rows of the package's file with their n replaced by the flow's figure.
        lines.ShouldContain("records_screened,node9,box4,Records screened (databases and registers),Records screened,Records screened (databases and registers),records_screened.html,408");
        lines.ShouldContain("website_results,node17,box11,Records identified from: Websites,Websites,\"Records identified from: Websites, Organisations and Citation Searching\",website_results.html,3");
        lines.ShouldContain("NA,node6,newstud,Yellow title box; Identification of new studies via databases and registers,Identification of new studies via databases and registers,Yellow title box; Identification of new studies via databases and registers,newstud.html,0");
    }

    [Fact]
    public void Every_number_reads_back_as_PRISMA_data_reads_it()
    {
        var flow = Flows.Balanced();
        var rows = Read(PrismaCsv.Write(flow));

        foreach (var (key, value) in flow.Counts().Where(c => c.Key is not "records_excluded_automation" and not "records_excluded" && !PrismaFlow.ProgressKeys.Contains(c.Key)))
            RNumber(rows, key).ShouldBe((double?)value, key);
        // The box holds every excluded record: 340 by people + 9 by automation.
        RNumber(rows, "records_excluded").ShouldBe(349);
        rows.Single(r => r.Data == "records_excluded").BoxText
            .ShouldBe("Records excluded (340 by humans and 9 by automation tools)");
        foreach (var row in rows.Where(r => !r.Data.EndsWith("_excluded", StringComparison.Ordinal) && !r.Data.EndsWith("specific_results", StringComparison.Ordinal)))
            row.N.ShouldMatch("^[0-9]*$");
    }

    [Fact]
    public void Reasons_and_sources_split_back_as_PRISMA_parse_reasons_splits_them()
    {
        var rows = Read(PrismaCsv.Write(Flows.Balanced()));

        RReasons(rows, "dbr_excluded").ShouldBe([("Wrong population", 20), ("Not open access", 12), ("Wrong design", 8)]);
        RReasons(rows, "other_excluded").ShouldBe([("Wrong outcome", 5)]);
        RReasons(rows, "database_specific_results").ShouldBe([("PubMed", 250), ("Cochrane Library", 100)]);
        RReasons(rows, "register_specific_results").ShouldBe([("ClinicalTrials.gov", 82)]);
    }

    [Fact]
    public void Boxes_a_new_review_does_not_use_are_empty_so_PRISMA_data_reads_NA()
    {
        var rows = Read(PrismaCsv.Write(Flows.SeedPaper().Figures));

        foreach (var key in new[] { "previous_studies", "previous_reports", "register_results", "website_results", "total_studies$" })
            RNumber(rows, key).ShouldBeNull(key);
        RReasons(rows, "other_excluded").ShouldBe([("", null)]);
        RNumber(rows, "duplicates").ShouldBe(14);
    }

    [Fact]
    public void Reason_labels_lose_commas_and_semicolons_so_they_split_back_whole()
    {
        var flow = Flows.SeedPaper().Figures with
        {
            DbrExcluded = new Dictionary<string, int> { ["Wrong population; adults, over 65"] = 3, ["\"Grey\" literature"] = 2, [",;"] = 1 },
        };

        RReasons(Read(PrismaCsv.Write(flow)), "dbr_excluded")
            .ShouldBe([("Wrong population adults over 65", 3), ("\"Grey\" literature", 2), ("Unspecified", 1)]);
    }

    private sealed record Row(string Data, string BoxText, string N);

    /// <summary>read.csv: quoted fields, "NA" kept as text here and never matched by grep as R's NA is not.</summary>
    private static List<Row> Read(string text)
    {
        using var csv = CsvReader.Create(new StringReader(text), new CsvReaderOptions { Separator = ',' }, leaveOpen: false);
        var rows = new List<Row>();
        while (csv.Read()) rows.Add(new Row(csv.GetString("data"), csv.GetString("boxtext"), csv.GetString("n")));
        return rows;
    }

    /// <summary>PRISMA_data: data[grep(key, data[, 1]), ]$n through PRISMA_format_number_ (gsub("[^0-9.]", "")).</summary>
    private static double? RNumber(List<Row> rows, string key)
    {
        var pattern = key is "total_studies" or "total_reports" ? key + "$" : key; // as PRISMA_data anchors these two
        var match = rows.Where(r => r.Data != "NA" && Regex.IsMatch(r.Data, pattern)).ToList();
        match.Count.ShouldBe(1, $"grep('{key}') must find one row");
        var digits = Regex.Replace(match[0].N, "[^0-9.]", "");
        return digits.Length == 0 ? null : double.Parse(digits, CultureInfo.InvariantCulture);
    }

    /// <summary>PRISMA_parse_reasons_: split on "(;)( )?", label = gsub(",.*$", ""), n = gsub(".*?,([ 0-9,]*)|.*()", "\\1").</summary>
    private static (string Reason, double? N)[] RReasons(List<Row> rows, string key)
    {
        var n = rows.Single(r => Regex.IsMatch(r.Data, key)).N;
        if (!Regex.IsMatch(n, "[^0-9,]"))
            return [("", n.Length == 0 ? null : double.Parse(n.Replace(",", ""), CultureInfo.InvariantCulture))];
        return Regex.Split(n, "; ?").Select(part =>
        {
            var digits = Regex.Replace(Regex.Replace(part, ".*?,([ 0-9,]*)|.*()", "$1"), "[^0-9.]", "");
            return (Regex.Replace(part, ",.*$", ""), digits.Length == 0 ? (double?)null : double.Parse(digits, CultureInfo.InvariantCulture));
        }).ToArray();
    }
}
