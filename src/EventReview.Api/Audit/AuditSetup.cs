using Marten;

namespace EventReview.Audit;

public static class AuditSetup
{
    public static StoreOptions ConfigureAudit(this StoreOptions store)
    {
        store.Listeners.Add(new EventChainListener());
        // Links are found by id only ("stream:version", joined to each event by the verifier), so the primary key is
        // their one index: every append writes a link, and each extra index would be written with it.
        store.Schema.For<ChainLink>().Identity(l => l.Id);
        return store;
    }
}
