using JasperFx.Events.Projections;
using Marten;

namespace EventReview.Reviews;

public static class ReviewsSetup
{
    public static StoreOptions ConfigureReviews(this StoreOptions store)
    {
        // Inline: authorization reads the review document, so it must never lag behind its stream.
        store.Projections.Add(new ReviewProjection(), ProjectionLifecycle.Inline);
        store.Schema.For<Review>().GinIndexJsonData();
        return store;
    }
}
