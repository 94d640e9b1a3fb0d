using EventReview.Records.Parsing;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Parsing;

/// <summary>
/// Real exports sometimes carry a stray control character inside a field (three abstracts of the Nagtegaal 2019
/// dataset hold U+0001). One such character is read as a space; text made mostly of them is still binary.
/// </summary>
public class StrayControlCharacterTests
{
    [Fact]
    public void A_stray_control_character_in_a_csv_field_reads_as_a_space()
    {
        var (records, errors) = Inline.Parse("Title,Abstract,Year\n\"Stem cells\",\"Background\u0001Methods were\",2020\n", BibFormat.Csv);

        errors.ShouldBeEmpty();
        records.ShouldHaveSingleItem().Abstract.ShouldBe("Background Methods were");
    }

    [Fact]
    public void A_stray_control_character_in_a_ris_line_reads_as_a_space()
    {
        var (records, errors) = Inline.Parse("TY  - JOUR\nTI  - Stem\u0002cells in MS\nER  - \n", BibFormat.Ris);

        errors.ShouldBeEmpty();
        records.ShouldHaveSingleItem().Title.ShouldBe("Stem cells in MS");
    }

    [Theory]
    [InlineData(BibFormat.Ris, "TY  - JOUR\nTI  - \u0001\u0002\u0003\u0004\u0005\u0006\nER  - \n")]
    [InlineData(BibFormat.Csv, "Title,Year\n\"a\u0000b\",2020\n")]
    public void Text_that_is_mostly_control_characters_or_holds_a_nul_is_still_binary(BibFormat format, string text)
    {
        var (_, errors) = Inline.Parse(text, format);

        errors.ShouldNotBeEmpty();
        errors[0].Message.ShouldContain("control characters");
    }
}
