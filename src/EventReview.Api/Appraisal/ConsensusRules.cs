using EventReview.Rules;

namespace EventReview.Appraisal;

/// <summary>
/// A consensus rating settles a disagreement; it does not overrule an appraiser nobody disputed. So it needs a note
/// saying how the disagreement was settled, and each item it rates must have independent ratings that differ.
/// </summary>
public static class ConsensusRules
{
    public static Refusal? Refuse(AppraisalInstrument instrument, RecordAppraisal ratings, RateAppraisal command)
    {
        if (string.IsNullOrWhiteSpace(command.Note))
            return Refusal.Broken("consensus-needs-note", "A consensus rating needs a 'note' saying how the appraisers' disagreement was settled.");

        var disputed = DisputedItems(instrument, ratings);
        var undisputed = command.Ratings!.Keys.Where(item => !disputed.Contains(item)).Order(StringComparer.Ordinal).ToList();
        return undisputed.Count == 0 ? null
            : Refusal.Broken("consensus-on-undisputed-item",
                $"Consensus settles only items the appraisers rated differently; {string.Join(", ", undisputed)} "
                + (undisputed.Count == 1 ? "is" : "are") + " not disputed.");
    }

    /// <summary>Items on which the independent ratings (consensus aside) differ.</summary>
    public static HashSet<string> DisputedItems(AppraisalInstrument instrument, RecordAppraisal ratings) =>
    [
        .. ratings.Of(instrument.Id).Where(r => !r.Consensus)
            .GroupBy(r => r.ItemId, StringComparer.Ordinal)
            .Where(g => g.Select(r => r.Rating).Distinct(StringComparer.Ordinal).Count() > 1)
            .Select(g => g.Key),
    ];
}
