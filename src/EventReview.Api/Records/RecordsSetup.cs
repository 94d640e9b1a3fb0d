using JasperFx.Events.Projections;
using Marten;

namespace EventReview.Records;

public static class RecordsSetup
{
    public static StoreOptions ConfigureRecords(this StoreOptions store)
    {
        // Inline, so a rule is always checked against the record as committed, and lists never lag.
        store.Projections.Snapshot<RecordState>(SnapshotLifecycle.Inline);
        store.Schema.For<RecordState>()
            .Duplicate(r => r.ReviewId)
            .Duplicate(r => r.Status)
            .Duplicate(r => r.ImportOrder)
            .Duplicate(r => r.SearchId)
            .Duplicate(r => r.ImportKey)
            .Duplicate(r => r.TitleAbstractPattern)
            .Duplicate(r => r.FullTextPattern)
            .Duplicate(r => r.TitleAbstractVoteCount)
            .Duplicate(r => r.FullTextVoteCount);
        store.Schema.For<Records.IdempotentResponse>();
        return store;
    }
}
