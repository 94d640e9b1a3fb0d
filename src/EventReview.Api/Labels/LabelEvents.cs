using EventReview.Identity;
using EventReview.Reviews;

namespace EventReview.Labels;

/// <summary>
/// A free-text label put on a record (Rayyan's labels, ASReview's tags, or one added here). <paramref name="SourceTime"/>
/// is when the source tool says it happened, for an imported label.
/// </summary>
public sealed record RecordLabelled(Guid ReviewId, Guid RecordId, string Label, Actor By, DateTimeOffset? SourceTime = null) : IRecordEvent;

/// <summary>The label taken off the record again; the label it had stays in the trail.</summary>
public sealed record RecordLabelRemoved(Guid ReviewId, Guid RecordId, string Label, Actor By, DateTimeOffset? SourceTime = null) : IRecordEvent;
