using EventReview.Hosting;
using System.Text.Json;

namespace EventReview.Records;

/// <summary>The first votes of a stage reduced to (reviewer, decision) pairs, encoded unambiguously.</summary>
public static class VotePattern
{
    public const string None = "[]";

    public static string Of(StageProgress progress) => Of(progress.FirstVotes);

    public static string Of(IReadOnlyList<Vote> votes) => votes.Count == 0
        ? None
        : JsonSerializer.Serialize(votes
            .OrderBy(v => v.ReviewerId, StringComparer.Ordinal)
            .Select(v => new[] { v.ReviewerId, EventReviewJson.Name(v.Decision) }));

    /// <summary>The text that appears in a pattern exactly when <paramref name="reviewerId"/> has voted.</summary>
    public static string Marker(string reviewerId) => "[" + JsonSerializer.Serialize(reviewerId) + ",";

    public static IReadOnlyList<(string Reviewer, string Decision)> Parse(string pattern) =>
        JsonSerializer.Deserialize<string[][]>(pattern)!.Select(p => (p[0], p[1])).ToList();
}
