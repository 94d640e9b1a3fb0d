using System.Globalization;
using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Observability;
using EventReview.Records;
using EventReview.Reviews;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Deduplication;

/// <summary>
/// Automatic duplicate detection over the review's records: exact DOI, exact PMID, then similar title with the same
/// year and first author. Each duplicate found becomes an event on its own record, naming the method, the evidence
/// and the record kept, and the kept record notes it. Records already marked, removed, screened or kept for other
/// duplicates are left as they are, and so is a pair a person separated by removing its mark.
/// </summary>
/// <summary>What an automatic run marked, by matching method, and what it left alone and why.</summary>
public sealed record DeduplicationRun(int DuplicatesMarked, IReadOnlyDictionary<string, int> ByMethod, int SkippedBecauseScreened,
    int SkippedBecauseKept, IReadOnlyList<PairKeptApart> KeptApart);

public sealed record PairKeptApart(string RecordId, string KeptId, string By, string Note);

public static class RunDeduplicationEndpoint
{
    [WolverinePost("/api/reviews/{reviewId}/deduplication", OperationId = "runDeduplication", Summary = "Find and mark duplicates automatically."), Tags("Deduplication")]
    [ProducesResponseType<DeduplicationRun>(200)]
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
        var all = matches.Select(m => (Match: m, Record: byId[Guid.Parse(m.DuplicateId)])).ToList();
        var keptApart = all.Select(m => (m.Match, Apart: SeparatedBy(m.Record, Guid.Parse(m.Match.KeptId), byId)))
            .Where(m => m.Apart is not null).ToList();
        var found = all.Where(m => SeparatedBy(m.Record, Guid.Parse(m.Match.KeptId), byId) is null).ToList();
        var marks = found.Where(m => m.Record.TitleAbstract.CurrentVotes.Count == 0 && m.Record.KeptFor is null).ToList();
        var by = Actor.From(user);
        // The matcher keeps each group's earliest record and never marks it, so a run makes no chain of its own. Against
        // earlier marks, a record already kept for others is left as it is (as a manual mark would be refused), and the
        // kept record takes part in each mark: both records are appended to at the version read, so a concurrent mark
        // that made the kept record a duplicate fails this run's transaction (409) instead of chaining onto it.
        var versions = records.ToDictionary(r => r.Id, r => r.Version);
        foreach (var batch in marks.Chunk(RecordImporter.BatchSize))
        {
            await using var session = store.LightweightSession();
            session.CorrelateWith(http);
            var events = batch.SelectMany(m => new IRecordEvent[]
            {
                Mark(reviewId, m.Record.Id, m.Match, by),
                new DuplicateKeptFor(reviewId, Guid.Parse(m.Match.KeptId), m.Record.Id, by),
            });
            // In id order, as a command on two records appends, so a run and a command lock shared records in one order.
            foreach (var stream in events.GroupBy(e => e.RecordId).OrderBy(g => g.Key))
            {
                versions[stream.Key] += stream.Count();
                session.Events.Append(stream.Key, versions[stream.Key], [.. stream]);
            }
            await session.SaveChangesAsync(ct);
        }
        return Results.Ok(new DeduplicationRun(
            marks.Count,
            marks.GroupBy(m => EventReviewJson.Name(m.Match.Method)).ToDictionary(g => g.Key, g => g.Count()),
            found.Count(m => m.Record.TitleAbstract.CurrentVotes.Count > 0),
            found.Count(m => m.Record.TitleAbstract.CurrentVotes.Count == 0 && m.Record.KeptFor is not null),
            [.. keptApart.Select(k => new PairKeptApart(k.Match.DuplicateId, k.Match.KeptId, k.Apart!.ByName, $"kept apart by {k.Apart.ByName}"))]));
    }

    /// <summary>Who separated the pair by hand, on either record, or null when nobody did.</summary>
    private static KeptApart? SeparatedBy(RecordState duplicate, Guid keptId, Dictionary<Guid, RecordState> records) =>
        duplicate.KeptApart?.FirstOrDefault(p => p.RecordId == keptId)
        ?? (records.TryGetValue(keptId, out var kept) ? kept.KeptApart?.FirstOrDefault(p => p.RecordId == duplicate.Id) : null);

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
