namespace EventReview.Appraisal;

public sealed record InstrumentScoring(string Instrument, ScoringRule Scoring);

/// <summary>
/// A review's appraisal settings, folded from the appraisal events on the review stream into a document of its
/// own (keyed by the review id) so the review document and its fold stay as they are. A review that configured
/// nothing has no document; <see cref="For"/> gives the defaults then.
/// </summary>
public sealed record AppraisalSettings
{
    public const int MaxAppraisersPerRecord = 5;

    public Guid Id { get; init; }

    /// <summary>Independent appraisers whose agreeing ratings make a verdict final (a consensus always does).</summary>
    public int AppraisersPerRecord { get; init; } = 1;

    public IReadOnlyList<InstrumentScoring> Scoring { get; init; } = [];

    public IReadOnlyList<AppraisalInstrument> CustomInstruments { get; init; } = [];

    public static AppraisalSettings For(Guid reviewId, AppraisalSettings? stored) => stored ?? new() { Id = reviewId };

    public AppraisalSettings Apply(AppraisalScoringConfigured e) => this with
    {
        Id = e.ReviewId,
        Scoring = [.. Scoring.Where(s => s.Instrument != e.Instrument), new InstrumentScoring(e.Instrument, e.Scoring)],
    };

    public AppraisalSettings Apply(CustomInstrumentAdded e) =>
        this with { Id = e.ReviewId, CustomInstruments = [.. CustomInstruments, e.Instrument] };

    public AppraisalSettings Apply(AppraisalSettingsConfigured e) => this with { Id = e.ReviewId, AppraisersPerRecord = e.AppraisersPerRecord };

    /// <summary>The built-in instruments, then the review's own in the order they were added.</summary>
    public IReadOnlyList<AppraisalInstrument> Instruments() => [.. InstrumentCatalog.BuiltIn, .. CustomInstruments];

    public AppraisalInstrument? Instrument(string id) =>
        InstrumentCatalog.Find(id) ?? CustomInstruments.FirstOrDefault(i => i.Id == id);

    /// <summary>The review's rule for the instrument, else the instrument's default.</summary>
    public ScoringRule RuleFor(AppraisalInstrument instrument) =>
        Scoring.FirstOrDefault(s => s.Instrument == instrument.Id)?.Scoring ?? instrument.DefaultScoring;
}
