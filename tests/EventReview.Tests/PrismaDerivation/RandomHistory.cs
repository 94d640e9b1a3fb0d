using EventReview.Tests.Infrastructure;

namespace EventReview.Tests.PrismaDerivation;

/// <summary>
/// Drives a review through a seeded random history over HTTP: duplicates, removals, agreeing and conflicting votes,
/// revisions, resolutions, retrievals, some records left mid-way. Every step is a real request.
/// </summary>
public static class RandomHistory
{
    public static async Task RunAsync(ReviewScenario review, int records, int seed)
    {
        var random = new Random(seed);
        var ids = await review.RecordsAsync(records, "Source" + seed);
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];
            switch (random.Next(10))
            {
                case 0 when i > 0:
                    await review.OkAsync(review.Lead, HttpMethod.Post, $"/records/{id}/duplicate-of", new { recordId = ids[0], note = "same" });
                    if (random.Next(3) == 0)
                        await review.OkAsync(review.Lead, HttpMethod.Delete, $"/records/{id}/duplicate-of", new { note = "not the same after all" });
                    continue;
                case 1:
                    await review.OkAsync(review.Lead, HttpMethod.Post, $"/records/{id}/removal",
                        new { reason = random.Next(2) == 0 ? "automation" : "other", detail = "random removal" });
                    continue;
            }
            if (random.Next(8) == 0) continue; // left unscreened
            if (!await StageAsync(review, random, id, "title-abstract", "wrong-population")) continue;
            if (random.Next(8) == 0) continue; // awaiting retrieval
            var retrieved = random.Next(5) != 0;
            await review.RetrievalAsync(id, retrieved, retrieved ? null : "not available");
            if (!retrieved || random.Next(8) == 0) continue;
            await StageAsync(review, random, id, "full-text", random.Next(2) == 0 ? "wrong-design" : "no-outcome");
        }
    }

    /// <summary>Votes at one stage; returns whether the record ended included at it.</summary>
    private static async Task<bool> StageAsync(ReviewScenario review, Random random, Guid id, string stage, string reason)
    {
        string Decision() => random.Next(3) == 0 ? "exclude" : "include";
        var first = Decision();
        await review.VoteAsync(review.S1, id, first, stage, first == "exclude" ? reason : null);
        if (random.Next(6) == 0)
        {
            first = first == "include" ? "exclude" : "include";
            await review.VoteAsync(review.S1, id, first, stage, first == "exclude" ? reason : null, "revised on second reading");
        }
        if (random.Next(10) == 0) return false; // second vote still missing
        var second = random.Next(4) == 0 ? (first == "include" ? "exclude" : "include") : first;
        await review.VoteAsync(review.S2, id, second, stage, second == "exclude" ? reason : null);
        if (first == second) return first == "include";
        if (random.Next(6) == 0) return false; // conflict left open
        var resolved = Decision();
        await review.ResolveAsync(review.Resolver, id, resolved, stage, resolved == "exclude" ? reason : null);
        return resolved == "include";
    }
}
