using EventReview.Deduplication;
using Shouldly;
using Xunit;

namespace EventReview.Tests.Deduplication;

public class ScaleTests
{
    /// <summary>
    /// 100,000 synthetic records: 90,000 distinct articles (random 8-word titles from a 2,000-word vocabulary,
    /// 5,000 family names, 20 years) and 10,000 copies of earlier ones, a third with the same DOI, a third with the
    /// same PMID and no DOI, a third with neither and one character of the title changed. Every copy and only the
    /// copies must be found; quadratic work would not finish within the time limit.
    /// </summary>
    [Fact(Timeout = 60_000)]
    public async Task One_hundred_thousand_records_are_matched_exactly_and_fast()
    {
        var random = new Random(2025);
        var words = Enumerable.Range(0, 2_000).Select(i => Word(random)).Distinct().ToArray();
        var families = Enumerable.Range(0, 5_000).Select(i => Word(random)).ToArray();
        var records = new List<DedupCandidate>();
        var expected = new Dictionary<string, string>();
        for (var i = 0; i < 90_000; i++)
        {
            var title = string.Join(' ', Enumerable.Range(0, 8).Select(_ => words[random.Next(words.Length)]));
            records.Add(new DedupCandidate($"o{i}", i % 2 == 0 ? $"10.1000/{i}" : null, i % 3 == 0 ? $"{i + 1}" : null, title,
                2000 + random.Next(20), $"{families[random.Next(families.Length)]}, A."));
        }

        for (var i = 0; i < 10_000; i++)
        {
            var original = records[random.Next(90_000)];
            var copy = (i % 3) switch
            {
                0 when original.Doi is not null => original with { Title = "Unrelated " + original.Title, Pmid = null },
                1 when original.Pmid is not null => original with { Doi = null, Title = "Other " + original.Title },
                _ => original with { Doi = null, Pmid = null, Title = original.Title![..^1] + "x" },
            };
            records.Add(copy with { Id = $"c{i}" });
            expected[$"c{i}"] = original.Id;
        }

        var matches = await Task.Run(() => DuplicateMatcher.FindDuplicates(records), TestContext.Current.CancellationToken);

        matches.ToDictionary(m => m.DuplicateId, m => m.KeptId).ShouldBe(expected, ignoreOrder: true);
    }

    private static string Word(Random random) => new(Enumerable.Range(0, random.Next(4, 10)).Select(_ => (char)('a' + random.Next(26))).ToArray());
}
