using EventReview.Reviews;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace EventReview.Records;

/// <summary>The record document, kept inline with its stream by <see cref="RecordFold"/>: a rule is always checked against the record as committed.</summary>
public sealed class RecordProjection : SingleStreamProjection<RecordState, Guid>
{
    public RecordProjection()
    {
        // Only the record stream's events: a projection that takes every type would also be run, and its document
        // looked up, for each review event. Every one of them, so the document's version follows its stream's.
        foreach (var type in StreamEvents.OfRecords) IncludeType(type);
    }

    public override RecordState? Evolve(RecordState? snapshot, Guid id, IEvent e) => RecordFold.Apply(snapshot, e);
}
