using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Records;
using EventReview.Reviews;
using EventReview.Screening;

namespace EventReview.Appraisal;

/// <summary>The appraisal rules, as pure functions from (review, settings, record, its ratings, command, actor) to events or a refusal.</summary>
public static class AppraisalRules
{
    /// <summary>
    /// The full-text exclusion reason of a report rejected on quality. The exclusion carries this code whether or
    /// not the lead added it; the first such exclusion adds it to the review's catalogue with this label if absent.
    /// </summary>
    public static ExclusionReason QualityReason { get; } = new(Stage.FullText, "quality-below-threshold", "Quality below threshold");

    public static RuleOutcome Rate(Review review, AppraisalSettings settings, RecordState record, RecordAppraisal ratings,
        RateAppraisal command, Actor by)
    {
        if (command.Consensus)
        {
            if (!review.Has(by.Id, Role.Lead) && !review.Has(by.Id, Role.Resolver))
                return Problems.Forbidden("Only a lead or a resolver records consensus ratings.");
        }
        else if (!review.Has(by.Id, Role.Appraiser))
        {
            return Problems.Forbidden("Only appraisers rate; other members read appraisals.");
        }

        if (ScreeningRules.NotScreenable(record) is { } notScreenable) return notScreenable;
        if (record.Retrieved != true)
            return Problems.Rule("full-text-not-retrieved", "Appraisal needs the full text, and this report has not been retrieved.");
        if (record.FullText.Outcome == Decision.Exclude)
            return Problems.Rule("record-excluded", "The record is excluded at full-text; its appraisal is closed.");

        if (settings.Instrument(command.Instrument) is not { } instrument)
        {
            return Problems.Invalid($"unknown instrument '{command.Instrument}'; this review's instruments are "
                + string.Join(", ", settings.Instruments().Select(i => i.Id)));
        }
        var errors = RatingValidation.Validate(instrument, command.Ratings);
        if (errors.Count > 0) return Problems.Invalid(string.Join("; ", errors));
        var unrated = (command.Justifications?.Keys ?? []).Where(k => !command.Ratings!.ContainsKey(k)).ToList();
        if (unrated.Count > 0)
            return Problems.Invalid($"'justifications' names items that are not rated in this request: {string.Join(", ", unrated)}.");

        var events = new List<AppraisalItemRated>();
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

        var revised = events.Where(e => e.IsRevision).Select(e => e.ItemId).ToList();
        if (revised.Count > 0 && string.IsNullOrWhiteSpace(command.Note))
            return Problems.Invalid($"A changed rating needs a 'note' saying why it changed (items {string.Join(", ", revised)}).");

        // Ratings not yet stored sort after every stored one.
        var after = events.Aggregate(ratings, (state, e) => state.With(e, DateTimeOffset.MaxValue));
        var standing = AppraisalStandings.Of(instrument, settings.RuleFor(instrument), after.Ratings, settings.AppraisersPerRecord);
        if (!standing.Rejected) return RuleOutcome.Append([.. events]);

        var exclusion = new ScreeningDecided(review.Id, record.Id, Stage.FullText, Decision.Exclude, QualityReason.Code,
            DecisionBasis.Appraisal, ExclusionNote(instrument, standing), by);
        return RuleOutcome.Append([.. events, exclusion]);
    }

    /// <summary>What the exclusion rests on, in words a reader of the trail can check against the ratings.</summary>
    public static string ExclusionNote(AppraisalInstrument instrument, AppraisalStanding standing)
    {
        var result = standing.Result!;
        var threshold = result.ThresholdPercent.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
        return $"{instrument.Name} ({instrument.Id} {instrument.Version}): {AppraisalScoring.FormatTotal(result)} is below the {threshold}% threshold";
    }

    /// <summary>True when the outcome excludes the record on quality and the review's catalogue lacks the reason.</summary>
    public static bool AddsQualityReason(Review review, RuleOutcome outcome) =>
        review.Reason(Stage.FullText, QualityReason.Code) is null
        && outcome.Events.OfType<ScreeningDecided>().Any(d => d.Basis == DecisionBasis.Appraisal);
}
