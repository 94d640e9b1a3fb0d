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
/// A lead adds an instrument of the review's own: the body is the definition (id, version, name, items, ratings,
/// defaultScoring, overall). Without defaultScoring it gets the seed review's rule (1 point for low, yes,
/// partial yes or "1", 2 for "2", accepted at 70%), which must still give some rating points.
/// </summary>
public static class AddInstrumentEndpoint
{
    public const int MaxRatingOptions = 50;

    /// <summary>Bounds on every text and list of a definition (what is required is checked by InstrumentValidation).</summary>
    public static ProblemDetails Validate(AppraisalInstrument definition) => Problems.FirstOf(
        Problems.CheckText(definition.Id, "id", 100, required: false),
        Problems.CheckText(definition.Version, "version", 50, required: false),
        Problems.CheckText(definition.Name, "name", 300, required: false),
        definition.Items?.Count > RateAppraisalEndpoint.MaxRatings
            ? Problems.Invalid($"'items' holds more than {RateAppraisalEndpoint.MaxRatings} items.") : null,
        definition.Ratings?.Count > MaxRatingOptions ? Problems.Invalid($"'ratings' holds more than {MaxRatingOptions} ratings.") : null,
        (definition.Items ?? []).OfType<InstrumentItem>().SelectMany(i => new[]
        {
            Problems.CheckText(i.Id, "items.id", 100, required: false),
            Problems.CheckText(i.Text, "items.text", Records.RecordCommand.MaxNote, required: false),
            Problems.CheckText(i.Label, "items.label", 300, required: false),
            Problems.CheckText(i.Domain, "items.domain", 300, required: false),
        }).FirstOrDefault(p => p is not null),
        (definition.Ratings ?? []).OfType<RatingOption>().SelectMany(r => new[]
        {
            Problems.CheckText(r.Code, "ratings.code", 100, required: false),
            Problems.CheckText(r.Label, "ratings.label", 300, required: false),
        }).FirstOrDefault(p => p is not null));

    public static RuleOutcome Decide(Review review, AppraisalSettings settings, AppraisalInstrument definition, Actor by)
    {
        if (ReviewAccess.Refuse(review, by.Id, Role.Lead) is { } denied) return denied;
        var errors = InstrumentValidation.Validate(definition);
        if (errors.Count > 0) return Refusal.Invalid(string.Join("; ", errors));
        if (settings.Instrument(definition.Id) is not null)
        {
            return Refusal.Broken("instrument-exists",
                $"An instrument '{definition.Id}' already exists in this review; a changed definition needs a new id.");
        }
        return RuleOutcome.Append(new CustomInstrumentAdded(review.Id, definition, by));
    }

    [WolverinePost("/api/reviews/{reviewId}/instruments", OperationId = "addInstrument", Summary = "Add a custom appraisal instrument to the review."), Tags("Appraisal")]
    [ProducesResponseType<AppraisalInstrument>(201)]
    public static Task<IResult> Post(Guid reviewId, AppraisalInstrument definition, ClaimsPrincipal user, IDocumentSession session,
        HttpContext http, CancellationToken ct)
    {
        // A JSON body can leave out what the record's type says is always there.
        if (definition.DefaultScoring is null && definition.Ratings is not null)
            definition = definition with { DefaultScoring = ScoringRule.Seed(definition.Ratings.Where(r => r is not null)) };
        return ReviewCommand.ExecuteAsync(session, http, reviewId, user,
            async (review, by) => Decide(review, AppraisalSettings.For(reviewId, await session.LoadAsync<AppraisalSettings>(reviewId, ct)), definition, by),
            _ => Results.Created($"/api/reviews/{reviewId}/instruments", definition), ct);
    }
}
