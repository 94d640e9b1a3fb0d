using EventReview.Hosting;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace EventReview.Audit;

public static class AuditSetup
{
    public static StoreOptions ConfigureAudit(this StoreOptions store, SealKey? sealKey, CommittedLinks? committed = null)
    {
        store.Listeners.Add(new EventChainListener(sealKey, committed));
        // Links are found by id only ("stream:version", joined to each event by the verifier), so the primary key is
        // their one index: every append writes a link, and each extra index would be written with it.
        store.Schema.For<ChainLink>().Identity(l => l.Id);
        store.Schema.For<ChainBatch>().Identity(b => b.Id);
        store.ConfigureSeals();
        return store;
    }

    private static void ConfigureSeals(this StoreOptions store)
    {
        // Their ids are tree sizes, always given; no number is ever drawn from Marten's hi/lo table.
        store.Schema.For<SealBlock>().Identity(b => b.Size).IdStrategy(new Marten.Schema.Identity.NoOpIdGeneration());
        store.Schema.For<TreeHead>().Identity(h => h.Size).IdStrategy(new Marten.Schema.Identity.NoOpIdGeneration());
        store.Storage.ExtendedSchemaObjects.Add(SealedLeaves.Definition());
        store.Events.AddEventType<NoEventBodies>();
    }

    /// <summary>The seal key, the sealer (run by the async daemon, one per database) and the tree heads it signs.</summary>
    public static void AddSealing(this IServiceCollection services, MartenServiceCollectionExtensions.MartenConfigurationExpression marten,
        SealKey key, CommittedLinks committed, EventReviewOptions options, string dataDirectory, bool sharedStore)
    {
        // The sealer moves between the nodes of a shared database (hot/cold), so each node's own checkpoints/ would hold
        // only the tree heads it happened to sign.
        if (sharedStore && options.Audit.Seal && string.IsNullOrWhiteSpace(options.Audit.CheckpointDirectory))
            throw new InvalidOperationException("EventReview:Audit:CheckpointDirectory must be set on a configured database: " +
                "the sealer moves between the nodes sharing it, so point every node at one shared, preferably write-once, directory.");
        services.AddSingleton(key);
        services.AddSingleton(committed);
        services.AddSingleton<SealStatus>();
        services.AddSingleton(CheckpointDirectory.For(options.Audit, dataDirectory));
        if (!options.Audit.Seal) return;
        marten.AddSubscriptionWithServices<Sealer>(ServiceLifetime.Singleton, o => o.Name = Sealer.SubscriptionName);
        services.AddSingleton<TreeHeadWriter>();
        services.AddHostedService(s => s.GetRequiredService<TreeHeadWriter>());
    }
}
