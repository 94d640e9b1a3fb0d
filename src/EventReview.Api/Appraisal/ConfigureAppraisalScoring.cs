using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Reviews;
using EventReview.Rules;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Appraisal;

/// <summary>
/// The review's scoring rule for one instrument. <paramref name="Points"/> left out keeps the instrument's default
/// points; the threshold and the not-applicable treatment are always stated. The RoB 2 and AMSTAR 2 options
/// left out mean the published rule. A configured rule always sums points (the lead chose a score explicitly);
/// <paramref name="ExcludeOnQuality"/> true makes a final verdict below the threshold exclude the record at full
/// text, and left out or false the verdict is shown but excludes nobody.
/// </summary>
public sealed record ConfigureAppraisalScoring(
    IReadOnlyDictionary<string, int>? Points,
    decimal? ThresholdPercent,
    NotApplicableTreatment? NotApplicable,
    int? SomeConcernsDomainsForHigh,
    int? NonCriticalWeaknessesForLow,
    bool ExcludeOnQuality = false);

public static class ConfigureAppraisalScoringEndpoint
{
    public static ProblemDetails Validate(ConfigureAppraisalScoring command) => Problems.FirstOf(
        command.ThresholdPercent is null ? Problems.Invalid("'thresholdPercent' is required (for example 70 for \"at least 70%\").") : null,
        command.NotApplicable is null
            ? Problems.Invalid("'notApplicable' is required: exclude-from-denominator or count-as-zero.")
            : null);

    public static RuleOutcome Decide(Review review, AppraisalSettings settings, string instrument, ConfigureAppraisalScoring command, Actor by)
    {
        if (ReviewAccess.Refuse(review, by.Id, Role.Lead) is { } denied) return denied;
        if (settings.Instrument(instrument) is not { } definition) return Refusal.NotFound($"No instrument '{instrument}' in this review.");

        var rule = new ScoringRule(
            command.Points ?? definition.DefaultScoring.Points,
            command.ThresholdPercent!.Value,
            command.NotApplicable!.Value,
            command.SomeConcernsDomainsForHigh,
            command.NonCriticalWeaknessesForLow,
            command.ExcludeOnQuality);
        var errors = ScoringValidation.Validate(definition, rule);
        if (errors.Count > 0) return Refusal.Invalid(string.Join("; ", errors));
        return RuleOutcome.Append(new AppraisalScoringConfigured(review.Id, definition.Id, rule, by));
    }

    /// <summary>
    /// Verdicts in GET /appraisals always follow the current rule. Exclusions already made stay: each was decided
    /// under the rule in force when the appraisal became final, and its note says so.
    /// </summary>
    [WolverinePut("/api/reviews/{reviewId}/appraisal-scoring/{instrument}", OperationId = "configureAppraisalScoring", Summary = "Set how an instrument is scored and whether a low score excludes."), Tags("Appraisal")]
    [ProducesResponseType<InstrumentScoring>(200)]
    public static Task<IResult> Put(Guid reviewId, string instrument, ConfigureAppraisalScoring command, ClaimsPrincipal user,
        IDocumentSession session, HttpContext http, CancellationToken ct) =>
        ReviewCommand.ExecuteAsync(session, http, reviewId, user,
            async (review, by) => Decide(review, AppraisalSettings.For(reviewId, await session.LoadAsync<AppraisalSettings>(reviewId, ct)),
                instrument, command, by),
            (_, events) =>
            {
                var configured = events.OfType<AppraisalScoringConfigured>().Single();
                return Results.Ok(new InstrumentScoring(configured.Instrument, configured.Scoring));
            }, ct);
}
