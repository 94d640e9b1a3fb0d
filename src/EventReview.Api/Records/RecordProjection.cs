using JasperFx.Events;
using Marten.Events.Aggregation;

namespace EventReview.Records;

/// <summary>The record document, kept inline with its stream by <see cref="RecordFold"/>: a rule is always checked against the record as committed.</summary>
public sealed class RecordProjection : SingleStreamProjection<RecordState, Guid>
{
    public override RecordState? Evolve(RecordState? snapshot, Guid id, IEvent e) => RecordFold.Apply(snapshot, e);
}
