using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Prisma;
using EventReview.Records;
using EventReview.Reviews;
using EventReview.Screening;
using Marten;
using Microsoft.AspNetCore.Http;
using Wolverine.Http;

namespace EventReview.Agreement;

/// <summary>
/// Inter-rater agreement at a stage, from each reviewer's first independent vote per record (revisions and
/// resolutions do not count). The votes are kept per record by the record projection; the statistics are computed
/// at read time, so they are exact after any rebuild.
/// </summary>
public static class GetAgreementEndpoint
{
    [WolverineGet("/api/reviews/{reviewId}/agreement"), Tags("Agreement")]
    public static async Task<IResult> Get(Guid reviewId, string? stage, string? weights, string? categories, string? level,
        DateTimeOffset? asOf, long? sequence, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var (review, problem) = await ReviewAccess.LoadAsync(session, reviewId, user, ct);
        if (problem is not null) return problem.ToResult();
        var parsedStage = Stage.TitleAbstract;
        if (stage is not null && !StageNames.TryParse(stage, out parsedStage)) return Problems.Invalid($"Unknown stage '{stage}'.").ToResult();

        AgreementOptions options;
        try
        {
            options = AgreementOptions.Parse(weights, categories, level);
        }
        catch (AgreementInputException ex)
        {
            return Problems.Invalid(ex.Message).ToResult();
        }

        IReadOnlyCollection<RecordState> records = asOf is null && sequence is null
            ? await session.Query<RecordState>().Where(r => r.ReviewId == reviewId).ToListAsync(ct)
            : (await PrismaQueries.AsOfAsync(session, reviewId, asOf, sequence, ct)).Records;
        var viewer = Actor.From(user).Id;
        var ratings = FirstVotes(review!, viewer, records, parsedStage);
        return Results.Ok(AgreementCalculator.Compute(ratings, options));
    }

    /// <summary>
    /// Each reviewer's first vote per record, as long-format ratings. A blinded screener only gets records already
    /// decided at the stage, where every vote is visible anyway.
    /// </summary>
    public static IReadOnlyList<Rating> FirstVotes(Review review, string viewerId, IEnumerable<RecordState> records, Stage stage) =>
        records
            .Where(r => Blinding.MaySee(review, viewerId, r, stage, authorId: null))
            .SelectMany(r => r.Progress(stage).FirstVotes.Select(v => new Rating(r.Id.ToString("D"), v.ReviewerId, v.Decision.ToString().ToLowerInvariant())))
            // A fixed order makes floating-point sums, and so every figure, identical wherever the log is replayed.
            .OrderBy(r => r.Item, StringComparer.Ordinal).ThenBy(r => r.Rater, StringComparer.Ordinal)
            .ToList();
}
