using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Records;
using EventReview.Reviews;
using EventReview.Rules;
using EventReview.Screening;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
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

    /// <summary>
    /// An appraiser's ratings (or a lead's or resolver's consensus ratings). Where the lead turned exclusion on for
    /// the instrument, a final appraisal below the threshold excludes the record at full text, and the first such
    /// exclusion adds the quality reason to the review's catalogue.
    /// </summary>
    public static RuleOutcome Decide(Review review, RecordState record, (RecordAppraisal Ratings, AppraisalSettings Settings) read,
        RateAppraisal command, Actor by)
    {
        var (ratings, settings) = read;
        if (command.Consensus)
        {
            if (!review.Has(by.Id, Role.Lead) && !review.Has(by.Id, Role.Resolver))
                return Refusal.Forbidden("Only a lead or a resolver records consensus ratings.");
        }
        else if (!review.Has(by.Id, Role.Appraiser))
        {
            return Refusal.Forbidden("Only appraisers rate; other members read appraisals.");
        }

        if (ScreeningRules.NotScreenable(record) is { } notScreenable) return notScreenable;
        if (record.Retrieved != true)
            return Refusal.Broken("full-text-not-retrieved", "Appraisal needs the full text, and this report has not been retrieved.");
        if (record.FullText.Outcome == Decision.Exclude)
            return Refusal.Broken("record-excluded", "The record is excluded at full-text; its appraisal is closed.");

        if (settings.Instrument(command.Instrument) is not { } instrument)
        {
            return Refusal.Invalid($"unknown instrument '{command.Instrument}'; this review's instruments are "
                + string.Join(", ", settings.Instruments().Select(i => i.Id)));
        }
        var errors = RatingValidation.Validate(instrument, command.Ratings);
        if (errors.Count > 0) return Refusal.Invalid(string.Join("; ", errors));
        if (command.Consensus && ConsensusRules.Refuse(instrument, ratings, command) is { } refused) return refused;
        var unrated = (command.Justifications?.Keys ?? []).Where(k => !command.Ratings!.ContainsKey(k)).ToList();
        if (unrated.Count > 0)
            return Refusal.Invalid($"'justifications' names items that are not rated in this request: {string.Join(", ", unrated)}.");

        var events = new List<object>();
        foreach (var item in instrument.Items.Where(i => command.Ratings!.ContainsKey(i.Id)))
        {
            var rating = command.Ratings![item.Id];
            var justification = command.Justifications?.GetValueOrDefault(item.Id);
            var previous = ratings.Current(instrument.Id, item.Id, by.Id, command.Consensus);
            // Sending a rating again unchanged records nothing, so a client may resend a whole form.
            if (previous is not null && previous.Rating == rating && (justification is null || justification == previous.Justification)) continue;
            events.Add(new AppraisalItemRated(review.Id, record.Id, instrument.Id, instrument.Version, item.Id, rating, justification,
                command.Note, IsRevision: previous is not null, command.Consensus, by));
        }

        var revised = events.OfType<AppraisalItemRated>().Where(e => e.IsRevision).Select(e => e.ItemId).ToList();
        if (revised.Count > 0 && string.IsNullOrWhiteSpace(command.Note))
            return Refusal.Invalid($"A changed rating needs a 'note' saying why it changed (items {string.Join(", ", revised)}).");

        // Ratings not yet stored sort after every stored one.
        var after = events.OfType<AppraisalItemRated>().Aggregate(ratings, (state, e) => state.With(e, DateTimeOffset.MaxValue));
        var rule = settings.RuleFor(instrument);
        var standing = AppraisalStandings.Of(instrument, rule, after.Ratings, settings.AppraisersPerRecord);
        // A low verdict is information; it excludes only where the lead made it a rule for this instrument.
        if (!rule.ExcludeOnQuality || !standing.Rejected) return RuleOutcome.Append([.. events]);

        var reason = AppraisalRules.QualityReason;
        if (review.Reason(reason.Stage, reason.Code) is null)
            events.Add(new ExclusionReasonAdded(review.Id, reason.Stage, reason.Code, reason.Label, by));
        events.Add(new ScreeningDecided(review.Id, record.Id, Stage.FullText, Decision.Exclude, reason.Code,
            DecisionBasis.Appraisal, AppraisalRules.ExclusionNote(instrument, standing), by));
        return RuleOutcome.Append([.. events]);
    }

    [WolverinePost("/api/reviews/{reviewId}/records/{recordId}/appraisals", OperationId = "rateAppraisal", Summary = "Rate items of a record's quality appraisal."), Tags("Appraisal")]
    [ProducesResponseType<RateAppraisalResponse>(200)]
    public static Task<IResult> Post(Guid reviewId, Guid recordId, RateAppraisal command, ClaimsPrincipal user,
        IMessageBus bus, HttpContext http, CancellationToken ct) =>
        // The ratings and settings are read in the command's batch, after the record stream's version, so a rating
        // committed in between fails the append (409) rather than being decided on without. Settings are not guarded:
        // a scoring change racing a rating only decides which rule that rating's verdict is computed under.
        RecordCommand.ExecuteAsync(bus, http, reviewId, recordId, user,
            async batch =>
            {
                var ratings = batch.Load<RecordAppraisal>(recordId);
                var settings = batch.Load<AppraisalSettings>(reviewId);
                return (await ratings ?? RecordAppraisal.Empty(reviewId, recordId), AppraisalSettings.For(reviewId, await settings));
            },
            (review, record, read, by) => Decide(review, record, read, command, by),
            decided => Respond(decided, command), ct);

    private static RateAppraisalResponse Respond(RecordDecided<(RecordAppraisal Ratings, AppraisalSettings Settings)> decided, RateAppraisal command)
    {
        var (review, record, (before, settings), outcome, by) = decided;
        var viewer = by.Id;
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
            EventReviewJson.Name(standing.Basis),
            standing.Final,
            standing.Result is { } r ? AppraisalScoring.FormatTotal(r) : null,
            standing.Result?.Verdict is { } v ? EventReviewJson.Name(v) : null,
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
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonInputException("'ratings' must be an object of {itemId: rating}.");

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
                _ => throw new JsonInputException($"The rating of item '{item}' must be a string or a number."),
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
