using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Records;
using EventReview.Reviews;
using Marten;
using Marten.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Screening;

public sealed record ScreeningQueue(string Stage, int Remaining, int VotedByMe, IReadOnlyList<RecordView> Records);

public static class GetQueueEndpoint
{
    /// <summary>The records still waiting for the caller's vote at a stage, oldest import first.</summary>
    [WolverineGet("/api/reviews/{reviewId}/queue", OperationId = "getScreeningQueue", Summary = "The records waiting for the caller's vote at a stage."), Tags("Screening")]
    [ProducesResponseType<ScreeningQueue>(200)]
    [ProducesResponseType<ProblemDetails>(403, "application/problem+json")]
    public static async Task<IResult> Get(Guid reviewId, string? stage, int? take, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var (review, problem) = await ReviewAccess.LoadAsync(session, reviewId, user, ct, Role.Screener);
        if (problem is not null) return problem.ToResult();
        var parsedStage = Stage.TitleAbstract;
        if (stage is not null && !StageNames.TryParse(stage, out parsedStage)) return Problems.Invalid(StageNames.Unknown(stage)).ToResult();

        var me = Actor.From(user).Id;
        var required = review!.Settings(parsedStage).ReviewersPerRecord;
        var awaiting = parsedStage == Stage.TitleAbstract ? RecordStatus.AwaitingTitleAbstract : RecordStatus.AwaitingFullText;
        var size = Math.Clamp(take ?? 50, 1, GetRecordsEndpoint.MaxPageSize);

        var marker = VotePattern.Marker(me);
        // Indexed columns only (status, vote count, current voters): the queue never opens the votes themselves.
        IQueryable<RecordState> Waiting() => GetRecordsEndpoint.Counted(review!, parsedStage == Stage.TitleAbstract
            ? session.Query<RecordState>().Where(r => r.ReviewId == reviewId && r.Status == awaiting
                && r.TitleAbstractVoteCount < required && !r.TitleAbstractVoters.Contains(marker))
            : session.Query<RecordState>().Where(r => r.ReviewId == reviewId && r.Status == awaiting
                && r.FullTextVoteCount < required && !r.FullTextVoters.Contains(marker)));

        var waiting = await Waiting().CountAsync(ct);
        var records = await Waiting().OrderBy(r => r.ImportOrder).Take(size).ToListAsync(ct);
        var counted = GetRecordsEndpoint.Counted(review, session.Query<RecordState>());
        var voted = parsedStage == Stage.TitleAbstract
            ? await counted.CountAsync(r => r.ReviewId == reviewId && r.TitleAbstractVoters.Contains(marker), ct)
            : await counted.CountAsync(r => r.ReviewId == reviewId && r.FullTextVoters.Contains(marker), ct);
        return Results.Ok(new ScreeningQueue(parsedStage.Name(), waiting, voted,
            await GetRecordsEndpoint.ViewsAsync(session, review, me, records, ct)));
    }
}
