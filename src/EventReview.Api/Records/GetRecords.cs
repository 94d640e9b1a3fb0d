using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Records.Parsing;
using EventReview.Reviews;
using EventReview.Screening;
using Marten;
using Marten.Linq;
using Microsoft.AspNetCore.Http;
using Wolverine.Http;

namespace EventReview.Records;

public sealed record RecordView(
    Guid Id, Guid SearchId, string Status, BibRecord Bibliographic, Guid? DuplicateOf, string? RemovalReason, string? RemovalDetail,
    StageProgress TitleAbstract, StageProgress FullText, bool? Retrieved, Guid? StudyId);

public sealed record RecordPage(int Total, int Page, int PageSize, IReadOnlyList<RecordView> Records);

public static class GetRecordsEndpoint
{
    public const int MaxPageSize = 1_000;

    /// <summary>Records with their current status; filter by status, by stage reached, by exclusion reason.</summary>
    [WolverineGet("/api/reviews/{reviewId}/records"), Tags("Records")]
    public static async Task<IResult> List(Guid reviewId, string? status, string? stage, string? reason, int? page, int? pageSize,
        ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var (review, problem) = await ReviewAccess.LoadAsync(session, reviewId, user, ct);
        if (problem is not null) return problem.ToResult();
        if (status is not null && !RecordStatus.All.Contains(status))
            return Problems.Invalid($"Unknown status '{status}'; one of: {string.Join(", ", RecordStatus.All)}.").ToResult();
        Stage? stageFilter = null;
        if (stage is not null)
        {
            if (!StageNames.TryParse(stage, out var parsedStage)) return Problems.Invalid($"Unknown stage '{stage}'.").ToResult();
            stageFilter = parsedStage;
        }
        var size = Math.Clamp(pageSize ?? 100, 1, MaxPageSize);
        var number = Math.Max(page ?? 1, 1);

        IQueryable<RecordState> query = session.Query<RecordState>().Where(r => r.ReviewId == reviewId);
        if (status is not null) query = query.Where(r => r.Status == status);
        if (stageFilter == Stage.FullText) query = query.Where(r => r.Retrieved == true);
        if (reason is not null) query = query.Where(r => r.TitleAbstract.OutcomeReason == reason || r.FullText.OutcomeReason == reason);

        var records = await query.OrderBy(r => r.ImportOrder).Stats(out var stats).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        var viewer = Actor.From(user).Id;
        var views = records.Select(r => View(review!, viewer, r)).ToList();
        return Results.Ok(new RecordPage((int)stats.TotalResults, number, size, views));
    }

    public static RecordView View(Review review, string viewerId, RecordState r) => new(
        r.Id, r.SearchId, Blinding.Status(review, viewerId, r), r.Bibliographic, r.DuplicateOf, r.Removal?.ToString().ToLowerInvariant(),
        r.RemovalDetail, Blinding.View(review, viewerId, r, Stage.TitleAbstract), Blinding.View(review, viewerId, r, Stage.FullText),
        r.Retrieved, r.StudyId);
}
