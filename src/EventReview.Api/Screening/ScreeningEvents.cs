using EventReview.Identity;
using EventReview.Reviews;

namespace EventReview.Screening;

public enum Decision { Include, Exclude, Maybe }

/// <summary>How an outcome was reached: agreeing votes, a resolution, or (full text only) an appraisal below the quality threshold.</summary>
public enum DecisionBasis { Unanimous, Resolution, Appraisal }

/// <summary>
/// A reviewer's vote. A revision replaces the same reviewer's earlier vote and always carries a note. A vote imported
/// from another tool keeps that tool's timestamp in <paramref name="SourceTime"/> (null for a vote cast here).
/// </summary>
public sealed record ScreeningVoteCast(
    Guid ReviewId, Guid RecordId, Stage Stage, Decision Decision, string? ReasonCode, string? Note, bool IsRevision, Actor By,
    DateTimeOffset? SourceTime = null) : IRecordEvent;

/// <summary>The required independent votes are in and do not agree.</summary>
public sealed record ScreeningConflictRaised(Guid ReviewId, Guid RecordId, Stage Stage, Actor By) : IRecordEvent;

/// <summary>
/// The record's outcome at a stage: from unanimous votes, or from a resolution by a lead or resolver. A lead's corrected
/// resolution is another of these, marked <paramref name="IsCorrection"/>, with the note saying why. An outcome imported
/// from another tool keeps that tool's timestamp in <paramref name="SourceTime"/>.
/// </summary>
public sealed record ScreeningDecided(
    Guid ReviewId, Guid RecordId, Stage Stage, Decision Decision, string? ReasonCode, DecisionBasis Basis, string? Note, Actor By,
    bool IsCorrection = false, DateTimeOffset? SourceTime = null) : IRecordEvent;

/// <summary>
/// A lead set a stage's decision aside, with a reason: the record returns to the stage's queue for a fresh round of
/// votes. <paramref name="BecauseOf"/> names the earlier stage whose reopening reopened this one.
/// </summary>
public sealed record StageReopened(Guid ReviewId, Guid RecordId, Stage Stage, string Reason, Stage? BecauseOf, Actor By) : IRecordEvent;

public sealed record FullTextRetrievalRecorded(Guid ReviewId, Guid RecordId, bool Retrieved, string? Note, Actor By) : IRecordEvent;

/// <summary>This record is a report of the study whose primary record is <paramref name="StudyId"/>.</summary>
public sealed record ReportLinkedToStudy(Guid ReviewId, Guid RecordId, Guid StudyId, string? Note, Actor By) : IRecordEvent;

/// <summary>
/// On the study's primary record, with every report linked to it: the study's stream takes part in the link, so a
/// study cannot become a report while a report is being linked to it, and its state knows it has reports.
/// </summary>
public sealed record StudyReportLinked(Guid ReviewId, Guid RecordId, Guid ReportId, Actor By) : IRecordEvent;

/// <summary>On the study's primary record, when <paramref name="ReportId"/> is linked elsewhere or becomes a primary record again.</summary>
public sealed record StudyReportUnlinked(Guid ReviewId, Guid RecordId, Guid ReportId, Actor By) : IRecordEvent;
