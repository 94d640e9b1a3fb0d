using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Reviews;
using Marten;
using Microsoft.AspNetCore.Http;
using Wolverine.Http;

namespace EventReview.Prisma;

/// <summary>A flow printed elsewhere (a publication, a protocol), entered only to be compared with the derived one.</summary>
public sealed record ReportedFlowRecorded(Guid ReviewId, string Source, PrismaFlow Figures, Actor By) : IReviewEvent;

public sealed record RecordReportedFlow(string Source, PrismaFlow Figures);

public static class RecordReportedFlowEndpoint
{
    [WolverinePost("/api/reviews/{reviewId}/reported-flow"), Tags("PRISMA")]
    public static async Task<IResult> Post(Guid reviewId, RecordReportedFlow command, ClaimsPrincipal user, IDocumentSession session,
        HttpContext http, CancellationToken ct)
    {
        if (Problems.CheckText(command.Source, "source", 500) is { } invalid) return invalid.ToResult();
        if (command.Figures is null) return Problems.Invalid("'figures' (the reported flow, keyed as the PRISMA2020 template) is required.").ToResult();
        try
        {
            command.Figures.EnsureValid();
        }
        catch (PrismaFlowException ex)
        {
            return Problems.Invalid(ex.Message).ToResult();
        }

        var (stream, problem) = await ReviewAccess.WriteAsync(session, http, reviewId, user, ct, Role.Lead);
        if (problem is not null) return problem.ToResult();
        stream.AppendOne(new ReportedFlowRecorded(reviewId, command.Source.Trim(), command.Figures, Actor.From(user)));
        return Results.Ok(new { reviewId, source = command.Source.Trim() });
    }
}
