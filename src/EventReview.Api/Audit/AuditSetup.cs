using Marten;

namespace EventReview.Audit;

public static class AuditSetup
{
    public static StoreOptions ConfigureAudit(this StoreOptions store)
    {
        store.Listeners.Add(new EventChainListener());
        store.Schema.For<ChainLink>().Identity(l => l.Id).Duplicate(l => l.ReviewId).Duplicate(l => l.Sequence);
        return store;
    }
}
