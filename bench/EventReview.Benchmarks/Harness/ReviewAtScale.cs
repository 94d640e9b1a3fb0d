using EventReview.Identity;
using EventReview.Records;
using EventReview.Records.Parsing;
using Marten;

namespace EventReview.Benchmarks.Harness;

/// <summary>
/// A review set up over HTTP as a client would (lead, screeners, a search), with N corpus records imported through
/// RecordImporter (untimed: the import has its own scenario).
/// </summary>
public sealed class ReviewAtScale
{
    public const string Lead = "bench-lead";

    public required Guid ReviewId { get; init; }
    public required Guid SearchId { get; init; }
    public required IReadOnlyList<string> Screeners { get; init; }
    public required IReadOnlyList<Guid> RecordIds { get; init; }

    public static string ScreenerId(int i) => $"bench-screener-{i:00}";

    public static async Task<ReviewAtScale> CreateAsync(BenchContext context, BenchApp app, int screeners, long records, CancellationToken ct)
    {
        using var lead = app.ClientFor(Lead, "Bench Lead");
        var review = (await BenchApp.SendAsync(lead, HttpMethod.Post, "/api/reviews", new { title = "Benchmark review", question = "Does it scale?" }, ct))
            .GetProperty("id").GetGuid();
        var ids = Enumerable.Range(1, screeners).Select(ScreenerId).ToList();
        foreach (var id in ids)
            await BenchApp.SendAsync(lead, HttpMethod.Post, $"/api/reviews/{review}/members", new { userId = id, name = id, roles = new[] { "screener" } }, ct);
        var search = (await BenchApp.SendAsync(lead, HttpMethod.Post, $"/api/reviews/{review}/searches",
            new { source = "Corpus", kind = "database", query = "corpus", searchedOn = "2025-01-01", reportedCount = records }, ct)).GetProperty("id").GetGuid();

        var file = RisCorpus.Build(context, records);
        await using (var stream = File.OpenRead(file))
        {
            var summary = await RecordImporter.ImportAsync(app.Store, review, search, BibParser.Parse(stream, BibFormat.Ris),
                new Actor(Lead, "Bench Lead"), null, ct);
            context.Log($"imported {summary.Imported:N0} records into review {review}");
        }

        await using var query = app.Store.QuerySession();
        var recordIds = await query.Query<RecordState>().Where(r => r.ReviewId == review).OrderBy(r => r.ImportOrder).Select(r => r.Id).ToListAsync(ct);
        return new ReviewAtScale { ReviewId = review, SearchId = search, Screeners = ids, RecordIds = recordIds };
    }
}
