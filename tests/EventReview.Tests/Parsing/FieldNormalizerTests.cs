using EventReview.Records.Parsing;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Parsing;

public class FieldNormalizerTests
{
    [Theory]
    [InlineData("10.1002/cpp.2398", "10.1002/cpp.2398")]
    [InlineData("http://dx.doi.org/10.1002/CPP.2398", "10.1002/cpp.2398")]
    [InlineData("https://doi.org/10.1097/ICB.0000000000000530", "10.1097/icb.0000000000000530")]
    [InlineData("doi:10.1000/xyz", "10.1000/xyz")]
    [InlineData("DOI: 10.1000/XYZ", "10.1000/xyz")]
    [InlineData("  10.1000/xyz  ", "10.1000/xyz")]
    [InlineData("https://doi.org/10.1080%2F20964129.2020.1722034", "10.1080/20964129.2020.1722034")]
    [InlineData("not a doi", null)]
    [InlineData("", null)]
    public void DOI_is_bare_and_lower_case(string input, string? expected)
    {
        FieldNormalizer.Doi(input).ShouldBe(expected);
    }

    [Theory]
    [InlineData("https://www.scopus.com/inward/record.uri?eid=2-s2.0-85079532227&doi=10.1080%2f20964129.2020.1722034&partnerID=40", "10.1080/20964129.2020.1722034")]
    [InlineData("http://sfx.library.uu.nl/utrecht?sid=EMBASE&id=doi:10.4103%2F2303-9027.138783&atitle=x", "10.4103/2303-9027.138783")]
    [InlineData("https://app.dimensions.ai/details/publication/pub.1143865007", null)]
    public void DOI_is_found_in_links_that_carry_one(string url, string? expected)
    {
        FieldNormalizer.DoiFromUrl(url).ShouldBe(expected);
    }

    [Theory]
    [InlineData("Already normal text", "Already normal text")]
    [InlineData("  leading and trailing  ", "leading and trailing")]
    [InlineData("two  spaces", "two spaces")]
    [InlineData("tab\tand\nnewline", "tab and newline")]
    [InlineData("no\u00A0break\u2009thin", "no break thin")]
    [InlineData(" \t ", null)]
    public void Text_is_single_spaced_and_trimmed(string input, string? expected)
    {
        FieldNormalizer.Text(input).ShouldBe(expected);
    }

    [Theory]
    [InlineData("2016/09//", 2016)]
    [InlineData("2019//", 2019)]
    [InlineData("2017 Nov 15", 2017)]
    [InlineData("Endoscopic Ultrasound (2014) 3:3", 2014)]
    [InlineData("20180327", null)]
    [InlineData("DEC", null)]
    public void Year_is_the_first_stand_alone_four_digit_number(string input, int? expected)
    {
        FieldNormalizer.Year(input).ShouldBe(expected);
    }

    [Theory]
    [InlineData("01678809", "0167-8809")]
    [InlineData("2277-9175 (Print)", "2277-9175")]
    [InlineData("1234-567x", "1234-567X")]
    [InlineData("978-1-5386-7150-4", null)]
    public void ISSN_is_hyphenated_and_ISBNs_are_ignored(string input, string? expected)
    {
        FieldNormalizer.Issns([input]).ShouldBe(expected is null ? [] : [expected]);
    }

    [Theory]
    [InlineData("152--160", null, null, "152-160")]
    [InlineData(null, "5", "9", "5-9")]
    [InlineData(null, "e1998", null, "e1998")]
    [InlineData(null, "211-6", "216", "211-6")]
    public void Pages_join_start_and_end(string? pages, string? start, string? end, string expected)
    {
        FieldNormalizer.Pages(pages, start, end).ShouldBe(expected);
    }

    [Fact]
    public void Split_ignores_separators_inside_parentheses()
    {
        FieldNormalizer.Split("article, cyst (diagnosis, surgery), human", ',').ShouldBe(["article", "cyst (diagnosis, surgery)", "human"]);
    }
}
