using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Records;
using EventReview.Reviews;
using EventReview.Screening;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Appraisal;

/// <summary>
/// Ratings of one record with one instrument: <c>{itemId: rating}</c>, with an optional justification per item.
/// <paramref name="Consensus"/> (lead or resolver) records agreed ratings where independent appraisers differ.
/// </summary>
public sealed record RateAppraisal(
    string Instrument,
    [property: JsonConverter(typeof(RatingMapConverter))] IReadOnlyDictionary<string, string>? Ratings,
    string? Note,
    IReadOnlyDictionary<string, string>? Justifications,
    bool Consensus = false);

public sealed record RateAppraisalResponse(
    Guid RecordId,
    string Instrument,
    int RatingsRecorded,
    string Basis,
    bool Final,
    string? Total,
    string? Verdict,
    OverallRating? OverallRating,
    IReadOnlyList<string> DisputedItems,
    string Status,
    bool ExcludedOnQuality);

public static class RateAppraisalEndpoint
{
    public const int MaxRatings = 200;

    public static ProblemDetails Validate(RateAppraisal command) => Problems.FirstOf(
        Problems.CheckText(command.Instrument, "instrument", 100),
        command.Ratings is null || command.Ratings.Count == 0 ? Problems.Invalid("'ratings' needs at least one {itemId: rating}.") : null,
        command.Ratings?.Count > MaxRatings ? Problems.Invalid($"'ratings' holds more than {MaxRatings} items.") : null,
        Problems.CheckText(command.Note, "note", RecordCommand.MaxNote, required: false),
        (command.Justifications ?? new Dictionary<string, string>())
            .Select(j => Problems.CheckText(j.Value, $"justifications.{j.Key}", RecordCommand.MaxNote, required: false))
            .FirstOrDefault(p => p is not null));

    [WolverinePost("/api/reviews/{reviewId}/records/{recordId}/appraisals"), Tags("Appraisal")]
    public static async Task<IResult> Post(Guid reviewId, Guid recordId, RateAppraisal command, ClaimsPrincipal user,
        IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        // The record stream's version is read before its ratings: if the stream moves on before it is fetched for
        // writing, the request is refused (409) rather than decided on ratings it never saw. The review stream's
        // version guards the catalogue reason added below. Settings are not guarded: a scoring change racing a
        // rating only decides which rule that rating's verdict is computed under.
        var seen = (await session.Events.FetchStreamStateAsync(recordId, ct))?.Version ?? 0;
        var reviewSeen = (await session.Events.FetchStreamStateAsync(reviewId, ct))?.Version ?? 0;
        var ratings = await session.LoadAsync<RecordAppraisal>(recordId, ct) ?? RecordAppraisal.Empty(reviewId, recordId);
        var settings = AppraisalSettings.For(reviewId, await session.LoadAsync<AppraisalSettings>(reviewId, ct));

        Review? decidedOn = null;
        RuleOutcome? decided = null;
        var result = await RecordCommand.ExecuteAsync(session, http, reviewId, recordId, user,
            (review, record, by) =>
            {
                decidedOn = review;
                decided = AppraisalRules.Rate(review, settings, record, ratings, command, by);
                return decided;
            },
            record => Respond(settings, ratings, decided!, command, record, decidedOn!, Actor.From(user).Id), ct);

        if (session.PendingChanges.Streams().FirstOrDefault(s => s.Id == recordId) is { ExpectedVersionOnServer: { } fetched } && fetched != seen)
        {
            session.EjectAllPendingChanges();
            // The same answer as a conflict Marten detects at commit (see ExceptionProblems).
            return new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Concurrent change",
                Detail = "The record changed while this request was processed; read it again and retry.",
            }.ToResult();
        }

        if (decided is { Problem: null } outcome && AppraisalRules.AddsQualityReason(decidedOn!, outcome))
        {
            // Same transaction, expecting the review stream as it was read: PRISMA then counts the exclusion under
            // the reason's label, and a concurrent change to the review makes the request a 409, not a second reason.
            var reason = AppraisalRules.QualityReason;
            session.Events.Append(reviewId, reviewSeen + 1,
                new ExclusionReasonAdded(reviewId, reason.Stage, reason.Code, reason.Label, Actor.From(user)));
        }
        return result;
    }

    private static RateAppraisalResponse Respond(AppraisalSettings settings, RecordAppraisal before, RuleOutcome outcome, RateAppraisal command,
        RecordState record, Review review, string viewer)
    {
        var instrument = settings.Instrument(command.Instrument)!;
        var after = outcome.Events.OfType<AppraisalItemRated>().Aggregate(before, (state, e) => state.With(e, DateTimeOffset.MaxValue));
        var standing = AppraisalStandings.Of(instrument, settings.RuleFor(instrument), after.Ratings, settings.AppraisersPerRecord);
        // Blinded, the answer rests on the caller's own ratings until the appraisal is final, as GET /appraisals does:
        // a dispute or an agreement would tell them what another appraiser rated.
        if (!standing.Final && review.Settings(Stage.FullText).Blinded && !Blinding.SeesEverything(review, viewer))
        {
            var own = after.Ratings.Where(r => !r.Consensus && r.RaterId == viewer);
            standing = AppraisalStandings.Of(instrument, settings.RuleFor(instrument), own, settings.AppraisersPerRecord) with { Final = false };
        }
        return new RateAppraisalResponse(
            record.Id,
            instrument.Id,
            outcome.Events.OfType<AppraisalItemRated>().Count(),
            Names.Kebab(standing.Basis),
            standing.Final,
            standing.Result is { } r ? AppraisalScoring.FormatTotal(r) : null,
            standing.Result?.Verdict is { } v ? Names.Kebab(v) : null,
            standing.Result?.OverallRating,
            standing.DisputedItems,
            Blinding.Status(review, viewer, record),
            record.FullText.Basis == DecisionBasis.Appraisal);
    }
}

/// <summary>
/// Reads <c>{itemId: rating}</c> taking numbers as their text too, so SANRA's <c>{"1": 2}</c> means the rating "2".
/// </summary>
public sealed class RatingMapConverter : JsonConverter<IReadOnlyDictionary<string, string>>
{
    public override IReadOnlyDictionary<string, string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("'ratings' must be an object of {itemId: rating}.");

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var item = reader.GetString()!;
            reader.Read();
            map[item] = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString()!,
                JsonTokenType.Number => reader.TryGetInt64(out var n) ? n.ToString(CultureInfo.InvariantCulture) : reader.GetDecimal().ToString(CultureInfo.InvariantCulture),
                JsonTokenType.Null => "",
                _ => throw new JsonException($"The rating of item '{item}' must be a string or a number."),
            };
        }
        return map;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (item, rating) in value) writer.WriteString(item, rating);
        writer.WriteEndObject();
    }
}
