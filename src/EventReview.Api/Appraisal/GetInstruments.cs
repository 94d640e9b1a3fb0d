using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Reviews;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Appraisal;

public sealed record InstrumentInUse(AppraisalInstrument Instrument, ScoringRule Scoring, bool Custom);

public sealed record ReviewInstruments(int AppraisersPerRecord, IReadOnlyList<InstrumentInUse> Instruments);

public static class GetInstrumentsEndpoint
{
    /// <summary>Every instrument the review can appraise with (built-in, then its own) and the scoring rule in force.</summary>
    [WolverineGet("/api/reviews/{reviewId}/instruments", OperationId = "listInstruments", Summary = "The appraisal instruments the review can use."), Tags("Appraisal")]
    [ProducesResponseType<ReviewInstruments>(200)]
    public static async Task<IResult> Get(Guid reviewId, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var (_, problem) = await ReviewAccess.LoadAsync(session, reviewId, user, ct);
        if (problem is not null) return problem.ToResult();

        var settings = AppraisalSettings.For(reviewId, await session.LoadAsync<AppraisalSettings>(reviewId, ct));
        return Results.Ok(new ReviewInstruments(settings.AppraisersPerRecord,
            [.. settings.Instruments().Select(i => new InstrumentInUse(i, settings.RuleFor(i), InstrumentCatalog.Find(i.Id) is null))]));
    }
}
