using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Reviews;
using EventReview.Rules;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Prisma;

/// <summary>A flow printed elsewhere (a publication, a protocol), entered only to be compared with the derived one.</summary>
public sealed record ReportedFlowRecorded(Guid ReviewId, string Source, PrismaFlow Figures, Actor By) : IReviewEvent;

public sealed record EnterReportedFlow(string Source, PrismaFlow Figures);

public sealed record ReportedFlowEntered(Guid ReviewId, string Source);

public static class EnterReportedFlowEndpoint
{
    public static ProblemDetails Validate(EnterReportedFlow command)
    {
        if (Problems.CheckText(command.Source, "source", 500) is { } invalid) return invalid;
        if (command.Figures is null) return Problems.Invalid("'figures' (the reported flow, keyed as the PRISMA2020 template) is required.");
        try
        {
            command.Figures.EnsureValid();
            return Problems.None;
        }
        catch (PrismaFlowException ex)
        {
            return Problems.Invalid(ex.Message);
        }
    }

    public static RuleOutcome Decide(Review review, EnterReportedFlow command, Actor by) =>
        ReviewAccess.Refuse(review, by.Id, Role.Lead) is { } denied
            ? denied
            : RuleOutcome.Append(new ReportedFlowRecorded(review.Id, command.Source.Trim(), command.Figures, by));

    [WolverinePost("/api/reviews/{reviewId}/reported-flow", OperationId = "enterReportedFlow", Summary = "Record the PRISMA counts a source reported for a flow the records cannot show."), Tags("PRISMA")]
    [ProducesResponseType<ReportedFlowEntered>(200)]
    public static Task<IResult> Post(Guid reviewId, EnterReportedFlow command, ClaimsPrincipal user, IDocumentSession session,
        HttpContext http, CancellationToken ct) =>
        ReviewCommand.ExecuteAsync(session, http, reviewId, user,
            (review, by) => Decide(review, command, by),
            _ => Results.Ok(new ReportedFlowEntered(reviewId, command.Source.Trim())), ct);
}
