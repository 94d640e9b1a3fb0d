namespace EventReview.Appraisal;

/// <summary>
/// A critical-appraisal instrument as versioned data. A stored appraisal names the instrument id and version it
/// was made with, so a definition is never edited in place: a change is a new version.
/// </summary>
public sealed record AppraisalInstrument(
    string Id,
    string Version,
    string Name,
    IReadOnlyList<InstrumentItem> Items,
    IReadOnlyList<RatingOption> Ratings,
    ScoringRule DefaultScoring,
    OverallRatingMethod Overall = OverallRatingMethod.None)
{
    public InstrumentItem? FindItem(string itemId) => Items.FirstOrDefault(i => i.Id == itemId);

    public RatingOption? FindRating(string code) => Ratings.FirstOrDefault(r => r.Code == code);

    /// <summary>The rating codes an item accepts: its own list when it narrows the instrument's, else all.</summary>
    public IReadOnlyList<string> AllowedRatings(InstrumentItem item) =>
        item.AllowedRatings ?? [.. Ratings.Select(r => r.Code)];
}

/// <summary>
/// One question or domain. <paramref name="Label"/> is the short column header (the id when absent);
/// <paramref name="Critical"/> marks AMSTAR 2's critical domains; <paramref name="AllowedRatings"/> narrows the
/// instrument's rating codes for this item (AMSTAR 2 allows "no meta-analysis conducted" on items 11, 12 and 15 only).
/// </summary>
public sealed record InstrumentItem(
    string Id,
    string Text,
    string? Label = null,
    string? Domain = null,
    bool Critical = false,
    IReadOnlyList<string>? AllowedRatings = null);

/// <summary>
/// A rating an appraiser may give. A not-applicable rating earns no points; whether it still counts towards the
/// maximum is the scoring rule's <see cref="NotApplicableTreatment"/>.
/// </summary>
public sealed record RatingOption(string Code, string Label, bool NotApplicable = false);

/// <summary>The tool's own overall judgement, computed alongside the points score.</summary>
public enum OverallRatingMethod
{
    None,

    /// <summary>RoB 1: the least favourable judgement over the key domains (Cochrane Handbook 5.1, table 8.7.a).</summary>
    Rob1,

    /// <summary>RoB 2: the least favourable domain judgement (Sterne et al. 2019, BMJ 366:l4898).</summary>
    Rob2,

    /// <summary>AMSTAR 2: confidence from critical flaws and non-critical weaknesses (Shea et al. 2017, BMJ 358:j4008).</summary>
    Amstar2,
}
