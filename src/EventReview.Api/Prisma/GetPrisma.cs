using System.Security.Claims;
using System.Text.Json;
using EventReview.Hosting;
using EventReview.Reviews;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;

namespace EventReview.Prisma;

/// <summary>
/// The PRISMA 2020 flow, derived from events only: live from the record documents, or as it stood at `asOf`
/// (a time) or `sequence` (a global event sequence) by folding the events up to that point.
/// </summary>
public static class GetPrismaEndpoint
{
    [WolverineGet("/api/reviews/{reviewId}/prisma", OperationId = "getPrismaFlow", Summary = "The PRISMA 2020 flow of the review, live or as of a past moment."), Tags("PRISMA")]
    [ProducesResponseType<PrismaReport>(200)]
    public static async Task<IResult> Json(Guid reviewId, DateTimeOffset? asOf, long? sequence, ClaimsPrincipal user,
        IQuerySession session, NpgsqlDataSource db, CancellationToken ct)
    {
        var (report, problem) = await ReportAsync(reviewId, asOf, sequence, user, session, db, ct);
        return problem ?? Results.Text(JsonSerializer.Serialize(report, EventReviewJson.Options), "application/json");
    }

    [WolverineGet("/api/reviews/{reviewId}/prisma.csv", OperationId = "getPrismaFlowCsv", Summary = "The PRISMA 2020 flow as the template's CSV."), Tags("PRISMA")]
    [ProducesResponseType<string>(200, "text/csv")]
    public static async Task<IResult> Csv(Guid reviewId, DateTimeOffset? asOf, long? sequence, ClaimsPrincipal user,
        IQuerySession session, NpgsqlDataSource db, CancellationToken ct)
    {
        var (report, problem) = await ReportAsync(reviewId, asOf, sequence, user, session, db, ct);
        return problem ?? Results.Text(PrismaCsv.Write(report!), "text/csv; charset=utf-8");
    }

    [WolverineGet("/api/reviews/{reviewId}/prisma.svg", OperationId = "getPrismaFlowDiagram", Summary = "The PRISMA 2020 flow diagram as SVG."), Tags("PRISMA")]
    [ProducesResponseType<string>(200, "image/svg+xml")]
    public static async Task<IResult> Svg(Guid reviewId, DateTimeOffset? asOf, long? sequence, ClaimsPrincipal user,
        IQuerySession session, NpgsqlDataSource db, CancellationToken ct)
    {
        var (report, problem) = await ReportAsync(reviewId, asOf, sequence, user, session, db, ct);
        return problem ?? Results.Text(PrismaSvg.Render(report!), "image/svg+xml; charset=utf-8");
    }

    public static async Task<(PrismaReport? Report, IResult? Problem)> ReportAsync(Guid reviewId, DateTimeOffset? asOf, long? sequence,
        ClaimsPrincipal user, IQuerySession session, NpgsqlDataSource db, CancellationToken ct)
    {
        var (review, denied) = await ReviewAccess.LoadAsync(session, reviewId, user, ct);
        if (denied is not null) return (null, denied.ToResult());

        if (asOf is null && sequence is null)
        {
            var flow = await PrismaQueries.LiveAsync(db, review!, ct);
            return (PrismaReport.Build(flow, Reported(review!)), null);
        }
        var (pastReview, records) = await PrismaQueries.AsOfAsync(session, reviewId, asOf, sequence, ct);
        if (pastReview is null) return (null, Problems.NotFound("The review did not exist yet at that point.").ToResult());
        return (PrismaReport.Build(PrismaCounting.Flow(pastReview, records), Reported(pastReview)), null);
    }

    private static ReportedFlow? Reported(Review review) => review.ReportedFlow is { } r ? new ReportedFlow(r.Figures) : null;
}
