using System.Globalization;
using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Observability;
using EventReview.Records;
using EventReview.Reviews;
using Marten;
using Microsoft.AspNetCore.Http;
using Wolverine.Http;

namespace EventReview.Deduplication;

/// <summary>
/// Automatic duplicate detection over the review's records: exact DOI, exact PMID, then similar title with the same
/// year and first author. Each duplicate found becomes an event on its own record, naming the method, the evidence
/// and the record kept. Records already marked, removed or screened are left as they are.
/// </summary>
public static class RunDeduplicationEndpoint
{
    [WolverinePost("/api/reviews/{reviewId}/deduplication"), Tags("Deduplication")]
    public static async Task<IResult> Post(Guid reviewId, double? threshold, ClaimsPrincipal user, IDocumentStore store, HttpContext http,
        CancellationToken ct)
    {
        if (threshold is { } given && !(given >= 0.5 && given <= 1.0)) return Problems.Invalid("'threshold' is a title similarity between 0.5 and 1.").ToResult();
        await using var query = store.QuerySession();
        var (review, problem) = await ReviewAccess.LoadAsync(query, reviewId, user, ct, Role.Lead);
        if (problem is not null) return problem.ToResult();

        var records = await query.Query<RecordState>()
            .Where(r => r.ReviewId == reviewId && r.DuplicateOf == null && r.Removal == null)
            .OrderBy(r => r.ImportOrder)
            .ToListAsync(ct);
        var options = threshold is { } t ? DedupOptions.Default with { TitleSimilarityThreshold = t } : DedupOptions.Default;
        var bibliography = await RecordBibliography.LoadAsync(query, records.Select(r => r.Id), ct);
        var matches = DuplicateMatcher.FindDuplicates(records.Select(r => DedupCandidate.From(r.Id.ToString("D"), bibliography[r.Id])).ToList(), options);

        var byId = records.ToDictionary(r => r.Id);
        var marks = matches
            .Select(m => (Match: m, Record: byId[Guid.Parse(m.DuplicateId)]))
            .Where(m => m.Record.TitleAbstract.CurrentVotes.Count == 0)
            .ToList();
        var by = Actor.From(user);
        foreach (var batch in marks.Chunk(RecordImporter.BatchSize))
        {
            await using var session = store.LightweightSession();
            session.CorrelateWith(http);
            foreach (var (match, record) in batch)
            {
                // Appending at the version read keeps a concurrent change to the record a conflict, not an overwrite.
                session.Events.Append(record.Id, record.Version + 1, Mark(reviewId, record.Id, match, by));
            }
            await session.SaveChangesAsync(ct);
        }
        return Results.Ok(new
        {
            duplicatesMarked = marks.Count,
            byMethod = marks.GroupBy(m => EventReviewJson.Name(m.Match.Method)).ToDictionary(g => g.Key, g => g.Count()),
            skippedBecauseScreened = matches.Count - marks.Count,
        });
    }

    public static RecordMarkedDuplicate Mark(Guid reviewId, Guid recordId, DuplicateMatch match, Actor by)
    {
        var e = match.Evidence;
        var evidence = new Dictionary<string, string?>
        {
            ["doi"] = e.Doi, ["pmid"] = e.Pmid, ["titleKey"] = e.TitleKey, ["year"] = e.Year?.ToString(CultureInfo.InvariantCulture),
            ["firstAuthorKey"] = e.FirstAuthorKey,
        }.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!);
        return new RecordMarkedDuplicate(reviewId, recordId, Guid.Parse(match.KeptId), match.Method, evidence, e.TitleSimilarity, null, by);
    }
}
