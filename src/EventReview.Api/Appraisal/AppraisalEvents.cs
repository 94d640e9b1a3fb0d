using EventReview.Identity;
using EventReview.Reviews;

namespace EventReview.Appraisal;

/// <summary>
/// One item of one instrument rated on a record's stream: by an appraiser independently, or, with
/// <paramref name="Consensus"/>, the agreed rating a lead or resolver records where independent ratings differ.
/// A changed rating is a new event with <paramref name="IsRevision"/> set and a <paramref name="Note"/> saying why.
/// </summary>
public sealed record AppraisalItemRated(
    Guid ReviewId,
    Guid RecordId,
    string Instrument,
    string InstrumentVersion,
    string ItemId,
    string Rating,
    string? Justification,
    string? Note,
    bool IsRevision,
    bool Consensus,
    Actor By) : IRecordEvent;

/// <summary>The review's own scoring rule for one instrument, replacing the instrument's default (on the review stream).</summary>
public sealed record AppraisalScoringConfigured(Guid ReviewId, string Instrument, ScoringRule Scoring, Actor By) : IReviewEvent;

/// <summary>An instrument a lead defined for this review (on the review stream). Its id is never redefined.</summary>
public sealed record CustomInstrumentAdded(Guid ReviewId, AppraisalInstrument Instrument, Actor By) : IReviewEvent;

/// <summary>How many independent appraisers a record's appraisal needs before its verdict is final (on the review stream).</summary>
public sealed record AppraisalSettingsConfigured(Guid ReviewId, int AppraisersPerRecord, Actor By) : IReviewEvent;
