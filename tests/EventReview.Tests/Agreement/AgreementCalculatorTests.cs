using System.Text.Json;
using EventReview.Agreement;
using Shouldly;
using Xunit;
using static EventReview.Tests.Agreement.AgreementData;

namespace EventReview.Tests.Agreement;

public class AgreementCalculatorTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Report_serializes_to_the_contract_shape()
    {
        var ratings = FromTable(new[,] { { 20, 20 }, { 10, 50 } }, ["include", "exclude"]);
        var report = Report(ratings, new AgreementOptions(KappaWeights.Linear));
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(report, Web));
        var root = json.RootElement;
        Names(root).ShouldBe([
            "items", "raters", "categories", "percentAgreement", "cohenKappa", "weightedKappa", "fleissKappa",
            "krippendorffAlpha", "gwetAc1", "brennanPrediger", "scottPi", "pabak", "pairs", "incompleteDesign", "notes",
        ]);
        Names(root.GetProperty("cohenKappa")).ShouldBe(["value", "se", "ci95", "z", "p"]);
        Names(root.GetProperty("weightedKappa")).ShouldBe(["value", "se", "z", "p", "weights"]);
        Names(root.GetProperty("fleissKappa")).ShouldBe(["value", "z", "p", "perCategory"]);
        Names(root.GetProperty("krippendorffAlpha")).ShouldBe(["value", "level"]);
        Names(root.GetProperty("gwetAc1")).ShouldBe(["value", "se"]);
        Names(root.GetProperty("brennanPrediger")).ShouldBe(["value"]);
        Names(root.GetProperty("scottPi")).ShouldBe(["value"]);
        Names(root.GetProperty("pabak")).ShouldBe(["value", "ci95"]);
        Names(root.GetProperty("pairs")[0]).ShouldBe(["raters", "items", "percentAgreement", "cohenKappa"]);
        var design = root.GetProperty("incompleteDesign");
        Names(design).ShouldBe(["complete", "fleissKappa", "congerKappa", "listwiseFleissKappa"]);
        Names(design.GetProperty("congerKappa")).ShouldBe([
            "method", "value", "percentAgreement", "chanceAgreement", "se", "ci95", "p", "items", "pairedItems", "raters", "ratings",
        ]);
        Names(design.GetProperty("listwiseFleissKappa")).ShouldBe(["method", "value", "z", "p", "items", "itemsLeftOut", "raters"]);
        root.GetProperty("cohenKappa").GetProperty("ci95").GetArrayLength().ShouldBe(2);
        root.GetProperty("weightedKappa").GetProperty("weights").GetString().ShouldBe("linear");
        root.GetProperty("krippendorffAlpha").GetProperty("level").GetString().ShouldBe("nominal");
        Names(root.GetProperty("fleissKappa").GetProperty("perCategory")).ShouldBe(["exclude", "include"]);
        root.GetProperty("items").GetInt32().ShouldBe(100);
        root.GetProperty("raters").EnumerateArray().Select(e => e.GetString()).ShouldBe(["r1", "r2"]);
    }

    [Fact]
    public void Undefined_statistics_serialize_as_null_never_as_NaN()
    {
        // Everyone says "exclude": every chance-corrected coefficient is 0/0.
        var ratings = Enumerable.Range(1, 4).SelectMany(i => new Rating[] { new($"i{i}", "a", "exclude"), new($"i{i}", "b", "exclude") }).ToList();
        var report = Report(ratings, new AgreementOptions(KappaWeights.Quadratic));
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(report, Web));
        foreach (var field in new[] { "cohenKappa", "weightedKappa", "fleissKappa", "krippendorffAlpha", "gwetAc1", "brennanPrediger", "scottPi", "pabak" })
        {
            json.RootElement.GetProperty(field).ValueKind.ShouldBe(JsonValueKind.Null, field);
            report.Notes.ShouldContain(n => n.StartsWith(field + ":", StringComparison.Ordinal), field);
        }

        report.PercentAgreement.ShouldBe(1.0);
        report.Pairs.Single().CohenKappa.ShouldBeNull();
    }

    [Fact]
    public void Two_raters_give_one_pair_equal_to_the_top_level_kappa()
    {
        var report = Report(Columns(Diagnoses, 0, 1));
        var pair = report.Pairs.ShouldHaveSingleItem();
        pair.Raters.ShouldBe(["r1", "r2"]);
        pair.Items.ShouldBe(30);
        JsonSerializer.Serialize(pair.CohenKappa, Web).ShouldBe(JsonSerializer.Serialize(report.CohenKappa, Web));
        pair.PercentAgreement.ShouldBe(report.PercentAgreement);
    }

    [Fact]
    public void Many_raters_give_every_pair_and_leave_two_rater_statistics_null_with_a_note()
    {
        var report = Report(Wide(Anxiety), new AgreementOptions(KappaWeights.Linear));
        report.Pairs.Select(p => string.Join("-", p.Raters)).ShouldBe(["r1-r2", "r1-r3", "r2-r3"]);
        report.CohenKappa.ShouldBeNull();
        report.WeightedKappa.ShouldBeNull();
        report.ScottPi.ShouldBeNull();
        report.Pabak.ShouldBeNull();
        report.Notes.ShouldContain("cohenKappa, weightedKappa, scottPi and pabak: two-rater statistics, and there are 3 raters; pairs gives Cohen's kappa for each pair.");

        // irr::kappa2(anxiety[,2:3]) = -0.006289308 (statsmodels test_cohens_kappa_irr).
        report.Pairs[2].CohenKappa!.Value.ShouldBeNear(-0.006289308, 9);
        report.FleissKappa.ShouldNotBeNull();
    }

    [Fact]
    public void A_pair_of_raters_without_common_items_has_a_null_kappa_with_a_note()
    {
        var report = Report([new("i1", "a", "x"), new("i1", "b", "y"), new("i2", "a", "y"), new("i2", "c", "y"), new("i3", "b", "x"), new("i3", "a", "x")]);
        var pair = report.Pairs.Single(p => p.Raters.SequenceEqual(["b", "c"]));
        pair.Items.ShouldBe(0);
        pair.PercentAgreement.ShouldBeNull();
        pair.CohenKappa.ShouldBeNull();
        report.Notes.ShouldContain("pairs (b, c) cohenKappa: no item was rated by both raters.");
    }

    [Fact]
    public void Fewer_than_two_raters_give_an_empty_report_with_a_note()
    {
        var none = Report([]);
        none.Items.ShouldBe(0);
        none.Notes.ShouldBe(["There are no ratings, so no statistic is defined."]);

        var one = Report([new("i1", "solo", "include"), new("i2", "solo", "exclude")]);
        one.Items.ShouldBe(2);
        one.Raters.ShouldBe(["solo"]);
        one.CohenKappa.ShouldBeNull();
        one.Pairs.ShouldBeEmpty();
        one.Notes.ShouldHaveSingleItem().ShouldContain("at least two raters");
    }

    [Fact]
    public void Numeric_labels_are_ordered_by_value_and_others_alphabetically()
    {
        Report([new("i1", "a", "10"), new("i1", "b", "9"), new("i2", "a", "2"), new("i2", "b", "2.5")])
            .Categories.ShouldBe(["2", "2.5", "9", "10"]);
        Report([new("i1", "a", "maybe"), new("i1", "b", "exclude"), new("i2", "a", "include"), new("i2", "b", "include")])
            .Categories.ShouldBe(["exclude", "include", "maybe"]);
    }

    [Fact]
    public void Ordered_statistics_on_unordered_labels_note_the_alphabetical_order()
    {
        var report = Report(
            [new("i1", "a", "maybe"), new("i1", "b", "exclude"), new("i2", "a", "include"), new("i2", "b", "include"), new("i3", "a", "exclude"), new("i3", "b", "exclude")],
            new AgreementOptions(KappaWeights.Linear, Level: MeasurementLevel.Ordinal));
        report.Notes.ShouldContain("weightedKappa: categories are taken in alphabetical order (exclude < include < maybe); give the categories to set their order.");
        report.Notes.ShouldContain(n => n.StartsWith("krippendorffAlpha: categories are taken in alphabetical order", StringComparison.Ordinal));
    }

    [Fact]
    public void Invalid_ratings_are_rejected_with_a_one_line_message()
    {
        Should.Throw<AgreementInputException>(() => Report([new("i1", "a", "x"), new("i1", "a", "y"), new("i1", "b", "x")]))
            .Message.ShouldBe("Rater 'a' rated item 'i1' more than once.");
        Should.Throw<AgreementInputException>(() => Report([new("i1", "a", " "), new("i1", "b", "x")]))
            .Message.ShouldBe("Rating 1 has a blank label.");
        Should.Throw<AgreementInputException>(() => Report([new("i1", "a", "x"), new("i1", "b", "z")], new AgreementOptions(Categories: ["x", "y"])))
            .Message.ShouldBe("Label 'z' (item 'i1', rater 'b') is not one of the given categories x, y.");
        Should.Throw<AgreementInputException>(() => Report([new("i1", "a", "x"), new("i1", "b", "x")], new AgreementOptions(Categories: ["x", "x"])))
            .Message.ShouldBe("Category 'x' is given more than once.");
    }

    [Fact]
    public void Options_parse_the_command_line_and_query_string_forms()
    {
        AgreementOptions.Parse(null, null, null).ShouldBe(AgreementOptions.Default);
        var options = AgreementOptions.Parse("Quadratic", " low, mid ,high ", "ordinal");
        options.Weights.ShouldBe(KappaWeights.Quadratic);
        options.Categories.ShouldBe(["low", "mid", "high"]);
        options.Level.ShouldBe(MeasurementLevel.Ordinal);
        Should.Throw<AgreementInputException>(() => AgreementOptions.Parse("cubic", null, null)).Message.ShouldBe("Unknown weights 'cubic': use none, linear or quadratic.");
        Should.Throw<AgreementInputException>(() => AgreementOptions.Parse(null, "a,,b", null)).Message.ShouldBe("Categories 'a,,b' contain a blank entry.");
        Should.Throw<AgreementInputException>(() => AgreementOptions.Parse(null, null, "metric")).Message.ShouldBe("Unknown level 'metric': use nominal, ordinal, interval or ratio.");
    }

    [Fact]
    public void Percent_agreement_averages_over_items_with_two_or_more_ratings()
    {
        // Hand-worked: i1 (x, x, x) agrees fully; i2 (x, y) not at all; i3 has one rating and is left out,
        // so percent agreement = (1 + 0) / 2 = 0.5.
        var report = Report([new("i1", "a", "x"), new("i1", "b", "x"), new("i1", "c", "x"), new("i2", "a", "x"), new("i2", "b", "y"), new("i3", "c", "y")]);
        report.PercentAgreement.ShouldBe(0.5);
    }

    private static List<string> Names(JsonElement element) =>
        element.EnumerateObject().Select(p => p.Name).ToList();
}
