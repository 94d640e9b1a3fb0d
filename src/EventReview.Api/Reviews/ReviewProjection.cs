using JasperFx.Events;
using Marten.Events.Aggregation;

namespace EventReview.Reviews;

/// <summary>The review document, kept inline with its stream by <see cref="ReviewFold"/>: authorization reads it, so it never lags.</summary>
public sealed class ReviewProjection : SingleStreamProjection<Review, Guid>
{
    public override Review? Evolve(Review? snapshot, Guid id, IEvent e) => ReviewFold.Apply(snapshot, e);
}
