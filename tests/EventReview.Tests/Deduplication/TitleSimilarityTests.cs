using EventReview.Deduplication;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Deduplication;

public class TitleSimilarityTests
{
    /// <summary>The worked examples of the Wikipedia article "Levenshtein distance".</summary>
    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("flaw", "lawn", 2)]
    [InlineData("saturday", "sunday", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("same", "same", 0)]
    public void Distance_matches_the_textbook_examples(string a, string b, int expected)
    {
        TitleSimilarity.Distance(a, b).ShouldBe(expected);
        TitleSimilarity.Distance(b, a).ShouldBe(expected);
    }

    [Fact]
    public void Similarity_is_one_minus_distance_over_the_longer_length()
    {
        // kitten/sitting: 1 - 3/7.
        TitleSimilarity.Similarity("kitten", "sitting").ShouldBe(1 - 3.0 / 7, 1e-12);
        TitleSimilarity.Similarity("", "").ShouldBe(1.0);
    }

    [Fact]
    public void Threshold_check_agrees_with_the_full_similarity()
    {
        var random = new Random(11);
        for (var i = 0; i < 2_000; i++)
        {
            var a = RandomWord(random);
            var b = random.Next(2) == 0 ? RandomWord(random) : Mutate(a, random);
            var threshold = random.Next(50, 100) / 100.0;

            var reached = TitleSimilarity.AtLeast(a, b, threshold, out var similarity);

            reached.ShouldBe(TitleSimilarity.Similarity(a, b) >= threshold - 1e-9, $"{a} / {b} at {threshold}");
            if (reached)
            {
                similarity.ShouldBe(TitleSimilarity.Similarity(a, b), 1e-12);
            }
        }
    }

    private static string RandomWord(Random random) =>
        new(Enumerable.Range(0, random.Next(0, 30)).Select(_ => (char)('a' + random.Next(4))).ToArray());

    private static string Mutate(string s, Random random)
    {
        var chars = s.ToList();
        for (var edits = random.Next(0, 4); edits > 0 && chars.Count > 0; edits--)
        {
            chars[random.Next(chars.Count)] = (char)('a' + random.Next(4));
        }

        return new string(chars.ToArray());
    }
}
