using EventReview.Appraisal;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Appraisal;

public class PrintedTotalsTests
{
    [Theory]
    [InlineData("7/9 (100%)", 7, 9, "100", 0)]
    [InlineData(" 8 / 9 ( 88.9 % ) ", 8, 9, "88.9", 1)]
    [InlineData("8/9 (88,88%)", 8, 9, "88.88", 2)]
    public void Printed_totals_are_read(string text, int score, int maximum, string percent, int decimals)
    {
        PrintedTotals.Parse(text).ShouldBe(new PrintedTotal(score, maximum, decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture), decimals));
    }

    [Fact]
    public void A_total_without_percentage_is_read()
    {
        PrintedTotals.Parse("5/7").ShouldBe(new PrintedTotal(5, 7, null, 0));
    }

    [Fact]
    public void A_truncated_percentage_is_accepted()
    {
        // PMC9422519 table 3 prints 8 yes of 9 JBI items as "88,88%": 88.888... truncated, not rounded.
        var ratings = JbiQuasiExperimental.Instrument.Items.ToDictionary(i => i.Id, i => i.Id == "4" ? "no" : "yes");
        var result = AppraisalScoring.Score(JbiQuasiExperimental.Instrument, ratings);

        PrintedTotals.Compare("8/9 (88,88%)", "included", result).ShouldBeEmpty();
        PrintedTotals.Compare("8/9 (88.9%)", null, result).ShouldBeEmpty();
        PrintedTotals.Compare("8/9 (88.7%)", null, result).ShouldBe(["printed 88.7% but the ratings give 8/9 (88.9%)"]);
    }

    [Fact]
    public void Unreadable_total_and_verdict_are_reported()
    {
        var result = AppraisalScoring.Score(Sanra2.Instrument, Sanra2.Instrument.Items.ToDictionary(i => i.Id, _ => "2"));

        PrintedTotals.Compare("twelve", "good", result).ShouldBe(
        [
            "printed total 'twelve' is not of the form score/maximum (percentage%)",
            "printed verdict 'good' is neither accepted/included nor rejected/excluded",
        ]);
    }
}
