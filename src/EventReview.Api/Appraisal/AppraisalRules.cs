using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Records;
using EventReview.Reviews;
using EventReview.Screening;

namespace EventReview.Appraisal;

/// <summary>What appraisal decisions share: the reason a report rejected on quality is excluded with, and the note that says why.</summary>
public static class AppraisalRules
{
    /// <summary>
    /// The full-text exclusion reason of a report rejected on quality. The exclusion carries this code whether or
    /// not the lead added it; the first such exclusion adds it to the review's catalogue with this label if absent.
    /// </summary>
    public static ExclusionReason QualityReason { get; } = new(Stage.FullText, "quality-below-threshold", "Quality below threshold");

    /// <summary>What the exclusion rests on, in words a reader of the trail can check against the ratings.</summary>
    public static string ExclusionNote(AppraisalInstrument instrument, AppraisalStanding standing)
    {
        var result = standing.Result!;
        var threshold = result.ThresholdPercent.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
        return $"{instrument.Name} ({instrument.Id} {instrument.Version}): {AppraisalScoring.FormatTotal(result)} is below the {threshold}% threshold";
    }
}
