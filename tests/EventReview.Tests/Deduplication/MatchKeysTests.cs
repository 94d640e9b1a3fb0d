using EventReview.Deduplication;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Deduplication;

public class MatchKeysTests
{
    [Theory]
    [InlineData("<i>Vision</i> Restoration: a Review.", "vision restoration a review")]
    [InlineData("Évaluation des forêts — Ångström’s “law”", "evaluation des forets angstrom s law")]
    [InlineData("LONG-TERM FOLLOW-UP OF RETINAL PIGMENT EPITHELIUM", "long term follow up of retinal pigment epithelium")]
    [InlineData("Straße  und\tÆther", "strasse und aether")]
    [InlineData(null, "")]
    public void Title_key_is_lower_case_folded_and_punctuation_free(string? title, string expected)
    {
        MatchKeys.Title(title).ShouldBe(expected);
    }

    [Theory]
    [InlineData("Dolz Marco, R.", "dolzmarco")]
    [InlineData("Dolz Marco R.", "dolzmarco")]
    [InlineData("Liu R.", "liu")]
    [InlineData("Freund KB", "freund")]
    [InlineData("Eloubeidi M.A.", "eloubeidi")]
    [InlineData("Rodríguez-Pastor, Ruth", "rodriguezpastor")]
    [InlineData("Ruth Rodríguez-Pastor", "rodriguezpastor")]
    [InlineData("World Health Organization", "organization")]
    [InlineData("  ", "")]
    public void Family_name_is_taken_before_the_comma_or_before_trailing_initials(string author, string expected)
    {
        MatchKeys.FamilyName(author).ShouldBe(expected);
    }
}
