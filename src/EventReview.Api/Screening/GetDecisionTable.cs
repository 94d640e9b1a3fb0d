using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Records;
using EventReview.Reviews;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Screening;

public static class GetDecisionTableEndpoint
{
    /// <summary>
    /// The decision table as CSV (see <see cref="DecisionTable"/>): one row per record of the searches that count, in
    /// import order, as this caller may see it. With <c>asOf</c> or <c>sequence</c>, as the records stood then.
    /// </summary>
    [WolverineGet("/api/reviews/{reviewId}/decisions.csv", OperationId = "getDecisionTable",
        Summary = "Each record's first and last vote per reviewer and stage, conflicts, resolutions and final decisions, as CSV."), Tags("Screening")]
    [ProducesResponseType<string>(200, "text/csv")]
    public static async Task<IResult> Get(Guid reviewId, DateTimeOffset? asOf, long? sequence, ClaimsPrincipal user, IQuerySession session,
        CancellationToken ct)
    {
        var (review, problem) = await ReviewAccess.LoadAsync(session, reviewId, user, ct);
        if (problem is not null) return problem.ToResult();

        IReadOnlyList<RecordState> records;
        if (asOf is null && sequence is null)
        {
            records = await GetRecordsEndpoint.Counted(review!, session.Query<RecordState>().Where(r => r.ReviewId == reviewId))
                .OrderBy(r => r.ImportOrder).ToListAsync(ct);
        }
        else
        {
            var (past, pastRecords) = await Prisma.PrismaQueries.AsOfAsync(session, reviewId, asOf, sequence, ct);
            if (past is null) return Problems.NotFound("The review did not exist yet at that point.").ToResult();
            // Who may see what is decided by today's roles, as in the record list; the rest is as it stood then.
            review = past with { Members = review!.Members };
            records = [.. GetRecordsEndpoint.Counted(review, pastRecords.AsQueryable()).OrderBy(r => r.ImportOrder, StringComparer.Ordinal)];
        }

        var bibliography = await RecordBibliography.LoadAsync(session, records.Select(r => r.Id), ct);
        var csv = DecisionTable.Write(review!, Actor.From(user).Id, records, bibliography);
        return Results.Text(csv, "text/csv; charset=utf-8");
    }
}
