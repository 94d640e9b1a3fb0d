using JasperFx.Events;

namespace EventReview.Appraisal;

/// <summary>
/// A rating as it currently stands: the latest one per instrument, item and rater. All consensus ratings of an
/// item share one slot (the latest consensus counts, whoever recorded it). <paramref name="Revision"/> counts
/// the changes before it; the full history is the record's trail.
/// </summary>
public sealed record GivenRating(
    string Instrument,
    string InstrumentVersion,
    string ItemId,
    string Rating,
    string? Justification,
    string RaterId,
    string RaterName,
    bool Consensus,
    int Revision,
    DateTimeOffset At)
{
    public bool SameSlot(string instrument, string itemId, string raterId, bool consensus) =>
        Instrument == instrument && ItemId == itemId && Consensus == consensus && (consensus || RaterId == raterId);
}

/// <summary>
/// The appraisal ratings on one record's stream, folded into a document keyed by the record id (one only for
/// records that have ratings). It is the write model the appraisal rules check and what GET /appraisals reads.
/// </summary>
public sealed record RecordAppraisal
{
    public Guid Id { get; init; }
    public Guid ReviewId { get; init; }
    public IReadOnlyList<GivenRating> Ratings { get; init; } = [];

    public static RecordAppraisal Empty(Guid reviewId, Guid recordId) => new() { Id = recordId, ReviewId = reviewId };

    // Time comes from the event's metadata, so a rebuild reproduces the same document.
    public RecordAppraisal Apply(IEvent<AppraisalItemRated> e) => With(e.Data, e.Timestamp);

    /// <summary>The rating replaces the same rater's (or the consensus's) earlier rating of the item.</summary>
    public RecordAppraisal With(AppraisalItemRated e, DateTimeOffset at)
    {
        var previous = Current(e.Instrument, e.ItemId, e.By.Id, e.Consensus);
        var rating = new GivenRating(e.Instrument, e.InstrumentVersion, e.ItemId, e.Rating, e.Justification,
            e.By.Id, e.By.Name, e.Consensus, previous is null ? 0 : previous.Revision + 1, at);
        return this with
        {
            Id = e.RecordId,
            ReviewId = e.ReviewId,
            Ratings = [.. Ratings.Where(r => r != previous), rating],
        };
    }

    public GivenRating? Current(string instrument, string itemId, string raterId, bool consensus) =>
        Ratings.FirstOrDefault(r => r.SameSlot(instrument, itemId, raterId, consensus));

    public IReadOnlyList<GivenRating> Of(string instrument) => [.. Ratings.Where(r => r.Instrument == instrument)];

    /// <summary>The instruments this record was appraised with.</summary>
    public IReadOnlyList<string> InstrumentsUsed() => [.. Ratings.Select(r => r.Instrument).Distinct()];
}
