using Marten;
using Microsoft.Extensions.DependencyInjection;
using Weasel.Core.Migrations;
using Weasel.Postgresql.Tables;

namespace EventReview.Audit;

/// <summary>
/// Marten declares the foreign key from mt_events to mt_streams ON DELETE CASCADE: deleting a stream's row deletes its
/// events, and PostgreSQL runs that cascade with the table owner's rights, so no grant on mt_events stops it. Here the
/// key is declared ON DELETE RESTRICT instead, in Marten's own model of the schema, not by an ALTER run after it:
/// the schema Marten creates has it, a database created before is changed by Marten's diff (`eventreview migrate`),
/// and the diff at every later start with ApplySchemaOnStartup finds nothing to put back.
/// </summary>
public static class EventStreamForeignKey
{
    public const string Name = "fkey_mt_events_stream_id";

    /// <summary>
    /// Restricts the key on every store the container builds. Marten builds its event-store tables once per store
    /// (and caches them) from the finished configuration, so the change is made to the built store, before anything
    /// applies or compares the schema.
    /// </summary>
    public static IServiceCollection RestrictStreamDeletes(this IServiceCollection services)
    {
        var marten = services.Last(d => d.ServiceType == typeof(IDocumentStore) && d.ServiceKey is null);
        var build = marten.ImplementationFactory
            ?? throw new InvalidOperationException("Marten's IDocumentStore is expected to be registered with a factory.");
        services.Remove(marten);
        services.AddSingleton(s => Restrict((IDocumentStore)build(s)));
        return services;
    }

    public static IDocumentStore Restrict(IDocumentStore store)
    {
        var eventStore = (IFeatureSchema)store.Options.Events;
        var events = eventStore.Objects.OfType<Table>().Single(t => t.Identifier.Name == "mt_events");
        var key = events.ForeignKeys.SingleOrDefault(k => k.Name == Name)
            ?? throw new InvalidOperationException($"Marten's mt_events table no longer declares {Name}; check how events are tied to their streams.");
        key.DeleteAction = Weasel.Core.CascadeAction.Restrict;
        return store;
    }
}
