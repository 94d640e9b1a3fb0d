using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Records.Parsing;
using EventReview.Reviews;
using EventReview.Screening;
using Marten;
using Marten.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Records;

public sealed record RecordView(
    Guid Id, Guid SearchId, [property: RecordStatusValue] string Status, BibRecord Bibliographic, Guid? DuplicateOf, string? RemovalReason, string? RemovalDetail,
    StageProgress TitleAbstract, StageProgress FullText, bool? Retrieved, Guid? StudyId, IReadOnlyList<string>? Labels = null);

/// <summary>
/// One page of records in import order. <paramref name="Next"/> is the cursor for the page after it (pass it as
/// <c>?after=</c>), null once a page comes back short; <paramref name="Page"/> is 0 for a page addressed by cursor.
/// </summary>
public sealed record RecordPage(int Total, int Page, int PageSize, IReadOnlyList<RecordView> Records, Guid? Next);

public static class GetRecordsEndpoint
{
    public const int MaxPageSize = 1_000;

    /// <summary>
    /// Records with their current status; filter by status, by stage reached, by exclusion reason. The records of a
    /// withdrawn search are left out unless <c>?withdrawn=true</c> asks for them. Pages are addressed by
    /// number (<c>?page=</c>) or by the previous page's cursor (<c>?after=</c>), which costs the same at any depth.
    /// With <c>asOf</c> or <c>sequence</c>, the records as they stood then, folded from the events up to that point
    /// (a moment before the review existed is a 404). With <c>clock=source</c>, <c>asOf</c> reads the source's clock of an
    /// imported review's decisions, as on the trail (<see cref="SourceClock"/>).
    /// </summary>
    public const string ListOperation = "listRecords";

    [WolverineGet("/api/reviews/{reviewId}/records", OperationId = ListOperation, Summary = "The review's records, a page at a time, live or as of a past moment."), Tags("Records")]
    [ProducesResponseType<RecordPage>(200)]
    public static async Task<IResult> List(Guid reviewId, string? status, string? stage, string? reason, int? page, int? pageSize,
        Guid? after, bool? withdrawn, DateTimeOffset? asOf, long? sequence, string? clock, ClaimsPrincipal user, IQuerySession session,
        CancellationToken ct)
    {
        if (SourceClock.Check(clock) is { } badClock) return badClock.ToResult();
        var (review, problem) = await ReviewAccess.LoadAsync(session, reviewId, user, ct);
        if (problem is not null) return problem.ToResult();
        IQueryable<RecordState>? past = null;
        if (asOf is not null || sequence is not null)
        {
            var (pastReview, pastRecords) = await Prisma.PrismaQueries.AsOfAsync(session, reviewId, asOf, sequence, ct, SourceClock.IsSource(clock));
            if (pastReview is null) return Problems.NotFound("The review did not exist yet at that point.").ToResult();
            (review, past) = (pastReview with { Members = review!.Members }, pastRecords.AsQueryable());
        }
        if (status is not null && !RecordStatus.All.Contains(status))
            return Problems.Invalid($"Unknown status '{status}'; one of: {string.Join(", ", RecordStatus.All)}.").ToResult();
        Stage? stageFilter = null;
        if (stage is not null)
        {
            if (!StageNames.TryParse(stage, out var parsedStage)) return Problems.Invalid(StageNames.Unknown(stage)).ToResult();
            stageFilter = parsedStage;
        }
        if (after is not null && page is not null) return Problems.Invalid("Give either 'page' or 'after', not both.").ToResult();
        string? afterOrder = null;
        if (after is { } cursor)
        {
            var from = await session.LoadAsync<RecordState>(cursor, ct);
            if (from is null || from.ReviewId != reviewId) return Problems.Invalid($"'after' names no record of this review: {cursor}.").ToResult();
            afterOrder = from.ImportOrder;
        }
        var size = Math.Clamp(pageSize ?? 100, 1, MaxPageSize);
        var number = afterOrder is null ? Math.Max(page ?? 1, 1) : 0;

        var viewer = Actor.From(user).Id;
        var query = (past ?? session.Query<RecordState>()).Where(r => r.ReviewId == reviewId);
        if (withdrawn != true) query = Counted(review!, query);
        if (status is not null)
        {
            var stored = StoredStatuses(review!, viewer, status);
            query = query.Where(r => r.Status.IsOneOf(stored));
        }
        if (stageFilter == Stage.FullText) query = query.Where(r => r.Retrieved == true);
        if (reason is not null) query = query.Where(r => r.TitleAbstract.OutcomeReason == reason || r.FullText.OutcomeReason == reason);

        // A count of its own rather than Marten's Stats: a window count over the page query materializes every row.
        var total = past is null ? await query.CountAsync(ct) : query.Count();
        // By cursor the page starts after that record in import order, whether or not it matches the filters, so the
        // index is entered there instead of walked from the start. A page number far beyond the last gives an empty
        // page: the offset is computed without overflowing into a negative one.
        var ordered = past is not null
            // In memory, import order compares ordinally, as PostgreSQL's C collation does.
            ? afterOrder is null
                ? query.OrderBy(r => r.ImportOrder, StringComparer.Ordinal).Skip((int)Math.Min((number - 1L) * size, int.MaxValue))
                : query.Where(r => string.CompareOrdinal(r.ImportOrder, afterOrder) > 0).OrderBy(r => r.ImportOrder, StringComparer.Ordinal)
            : afterOrder is null
                ? query.OrderBy(r => r.ImportOrder).Skip((int)Math.Min((number - 1L) * size, int.MaxValue))
                : query.Where(r => r.ImportOrder.CompareTo(afterOrder) > 0).OrderBy(r => r.ImportOrder);
        var records = past is null ? await ordered.Take(size).ToListAsync(ct) : [.. ordered.Take(size)];
        Guid? next = records.Count == size ? records[^1].Id : null;
        return Results.Ok(new RecordPage(total, number, size, await ViewsAsync(session, review!, viewer, records, ct), next));
    }

    /// <summary>The records that count in the flow: without those of withdrawn searches (<c>?withdrawn=true</c> lists them too).</summary>
    public static IQueryable<RecordState> Counted(Review review, IQueryable<RecordState> query)
    {
        var withdrawn = review.WithdrawnSearchIds();
        return withdrawn.Length == 0 ? query : query.Where(r => !r.SearchId.IsOneOf(withdrawn));
    }

    /// <summary>
    /// The stored statuses this viewer sees as <paramref name="status"/>. A conflict hidden by blinding reads as awaiting
    /// votes (see Blinding.Status), so filtering by status must not single it out either.
    /// </summary>
    private static string[] StoredStatuses(Review review, string viewer, string status)
    {
        bool Hidden(Stage stage) => review.Settings(stage).Blinded && !Blinding.SeesEverything(review, viewer);
        return status switch
        {
            RecordStatus.TitleAbstractConflict when Hidden(Stage.TitleAbstract) => [],
            RecordStatus.FullTextConflict when Hidden(Stage.FullText) => [],
            RecordStatus.AwaitingTitleAbstract when Hidden(Stage.TitleAbstract) => [status, RecordStatus.TitleAbstractConflict],
            RecordStatus.AwaitingFullText when Hidden(Stage.FullText) => [status, RecordStatus.FullTextConflict],
            _ => [status],
        };
    }

    /// <summary>The records as this viewer may see them, with their bibliographic data (one query for the page).</summary>
    public static async Task<IReadOnlyList<RecordView>> ViewsAsync(IQuerySession session, Review review, string viewerId,
        IReadOnlyList<RecordState> records, CancellationToken ct)
    {
        var bibliography = await RecordBibliography.LoadAsync(session, records.Select(r => r.Id), ct);
        return [.. records.Select(r => View(review, viewerId, r, bibliography[r.Id]))];
    }

    public static RecordView View(Review review, string viewerId, RecordState r, BibRecord bibliographic) => new(
        r.Id, r.SearchId, Blinding.Status(review, viewerId, r), bibliographic, r.DuplicateOf, r.Removal is { } removal ? EventReviewJson.Name(removal) : null,
        r.RemovalDetail, Blinding.View(review, viewerId, r, Stage.TitleAbstract), Blinding.View(review, viewerId, r, Stage.FullText),
        r.Retrieved, r.StudyId, r.Labels);
}
