using EventReview.Agreement;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Agreement;

public class RatingsCsvTests
{
    [Fact]
    public void Reads_long_format_ratings()
    {
        var ratings = Read("item,rater,label\nrec1,alice,include\nrec1,bob,exclude\nrec2,alice,maybe\n");
        ratings.ShouldBe([new Rating("rec1", "alice", "include"), new Rating("rec1", "bob", "exclude"), new Rating("rec2", "alice", "maybe")]);
    }

    [Fact]
    public void Header_may_use_any_case_and_order_and_carry_extra_columns()
    {
        var ratings = Read("Label, Rater ,ITEM,note\r\nyes,a,1,first\r\n\r\nno,b,1,\"second, with comma\"\r\n");
        ratings.ShouldBe([new Rating("1", "a", "yes"), new Rating("1", "b", "no")]);
    }

    [Fact]
    public void Fields_are_trimmed_and_quoted_labels_may_hold_commas()
    {
        var ratings = Read("item,rater,label\n 1 , a , \"low, then high\" \n1,b,low\n");
        ratings[0].ShouldBe(new Rating("1", "a", "low, then high"));
    }

    [Fact]
    public void A_byte_order_mark_before_the_header_is_ignored()
    {
        Read("\uFEFFitem,rater,label\n1,a,x\n1,b,y\n").Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("", "The ratings file is empty; expected a header item,rater,label and one row per rating.")]
    [InlineData("\n\n", "The ratings file is empty; expected a header item,rater,label and one row per rating.")]
    [InlineData("item,rater,label\n", "The ratings file has a header but no ratings.")]
    [InlineData("id,reviewer,decision\n1,a,x\n", "The header must name the columns item,rater,label (found 'id,reviewer,decision').")]
    [InlineData("item,rater\n1,a\n", "The header must name the columns item,rater,label (found 'item,rater').")]
    [InlineData("1,a,include\n1,b,exclude\n", "The header must name the columns item,rater,label (found '1,a,include').")]
    [InlineData("item,rater,label,rater\n1,a,x,b\n", "The header must name the columns item,rater,label (found 'item,rater,label,rater').")]
    [InlineData("item,rater,label\n1,a,x\n2,a,y\n", "Only one rater ('a') in the file; agreement needs at least two.")]
    [InlineData("item,rater,label\n1,a,x\n1,b,y\n1,a,y\n", "Line 4: rater 'a' already rated item '1' on line 2.")]
    [InlineData("item,rater,label\n1,a,x\n1,b,\n", "Line 3: blank label.")]
    [InlineData("item,rater,label\n1, ,x\n1,b,y\n", "Line 2: blank rater.")]
    [InlineData("item,rater,label\n,a,x\n1,b,y\n", "Line 2: blank item.")]
    [InlineData("item,rater,label\n1,a,x\n1,b,low,high\n", "Line 3: expected 3 fields as in the header, found 4 (quote labels that contain commas).")]
    [InlineData("item,rater,label\n1,a,x\n1,b\n", "Line 3: expected 3 fields as in the header, found 2 (quote labels that contain commas).")]
    [InlineData("item,rater,label\n1,a,x\n1,b,\"y\n", "Line 3: malformed CSV (check the quotes).")]
    public void Rejects_bad_files_with_a_one_line_message(string text, string message)
    {
        var error = Should.Throw<AgreementInputException>(() => Read(text));
        error.Message.ShouldBe(message);
        error.Message.ShouldNotContain('\n');
    }

    [Fact]
    public void Read_ratings_feed_the_calculator()
    {
        var report = AgreementCalculator.Compute(
            Read("item,rater,label\n1,a,include\n1,b,include\n2,a,exclude\n2,b,include\n3,a,exclude\n3,b,exclude\n"),
            AgreementOptions.Default);
        report.Items.ShouldBe(3);
        report.Raters.ShouldBe(["a", "b"]);
        report.Categories.ShouldBe(["exclude", "include"]);

        // Hand-worked: po = 2/3; both raters' marginals give pe = (2/3 * 1/3) + (1/3 * 2/3) = 4/9;
        // kappa = (2/3 - 4/9) / (1 - 4/9) = 0.4.
        report.CohenKappa!.Value.ShouldBe(0.4, 1e-12);
    }

    private static IReadOnlyList<Rating> Read(string text)
    {
        using var reader = new StringReader(text);
        return RatingsCsv.Read(reader);
    }
}
