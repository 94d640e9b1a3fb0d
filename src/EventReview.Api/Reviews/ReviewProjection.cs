using JasperFx.Events;
using Marten.Events.Aggregation;

namespace EventReview.Reviews;

/// <summary>The review document, kept inline with its stream by <see cref="ReviewFold"/>: authorization reads it, so it never lags.</summary>
public sealed class ReviewProjection : SingleStreamProjection<Review, Guid>
{
    public ReviewProjection()
    {
        // Only the review stream's events (a vote must not look up a review document under its record's id), and
        // every one of them, so the document's version is the stream's: commands append to the review at that version.
        foreach (var type in StreamEvents.OfReviews) IncludeType(type);
    }

    public override Review? Evolve(Review? snapshot, Guid id, IEvent e) => ReviewFold.Apply(snapshot, e);
}
