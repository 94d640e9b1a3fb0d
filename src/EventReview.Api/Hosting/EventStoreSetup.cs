using Npgsql;
using EventReview.Appraisal;
using EventReview.Audit;
using EventReview.Records;
using EventReview.Reviews;
using JasperFx;
using JasperFx.Events;
using Marten;
using Weasel.Core;

namespace EventReview.Hosting;

/// <summary>The Marten settings an audit trail needs, and each feature's registration.</summary>
public static class EventStoreSetup
{
    public const string Schema = "eventreview";

    /// <summary>The store on the application's own data source (one pool, multi-host aware: see <see cref="PostgresDataSource"/>).</summary>
    public static void Configure(StoreOptions store, NpgsqlDataSource dataSource, bool applySchema = true, SealKey? sealKey = null,
        CommittedLinks? committed = null)
    {
        store.Connection(dataSource);
        store.DatabaseSchemaName = Schema;
        // Without schema rights (the least-privileged role) Marten must not even try DDL.
        store.AutoCreateSchemaObjects = applySchema ? AutoCreate.CreateOrUpdate : AutoCreate.None;
        store.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase, EventReviewJson.Configure);

        var events = store.Events;
        events.StreamIdentity = StreamIdentity.AsGuid;
        // Quick appends write a stream's events with one function call, in the same round trip as the rest of the
        // transaction (Rich mode first spends one reserving sequence numbers). Every append here names the version
        // it expects, so each event's version is known before the write, as the hash chain needs; the timestamp is
        // this server's clock ("server" in the mode's name means the application server), never a client's.
        events.AppendMode = EventAppendMode.QuickWithServerTimestamps;
        // An append locks its stream's row before it takes a sequence number, not after: a concurrent append to the
        // stream waits and then fails on the version without leaving a gap in the sequence, and a sign-off that holds
        // the review's record streams (SignOff) knows that no append with an earlier sequence number is still in flight.
        events.UseExclusiveLockOnConcurrentAppends = true;
        events.TimeProvider = new MicrosecondClock();
        events.EnableUniqueIndexOnEventId = true;
        events.UseMandatoryStreamTypeDeclaration = true;
        events.MetadataConfig.CorrelationIdEnabled = true;
        events.MetadataConfig.CausationIdEnabled = true;
        events.MetadataConfig.HeadersEnabled = true;
        events.EnableEventSkippingInProjectionsOrSubscriptions = false;

        // A projection that cannot apply an event stops and reports; an audit trail never skips an event.
        foreach (var errors in new[] { store.Projections.Errors, store.Projections.RebuildErrors })
        {
            errors.SkipApplyErrors = false;
            errors.SkipSerializationErrors = false;
            errors.SkipUnknownEvents = false;
        }

        store.ConfigureReviews();
        store.ConfigureRecords();
        store.ConfigureAppraisal();
        store.ConfigureAudit(sealKey, committed);
        // Every event type up front, so the daemon, rebuilds and log imports know each one by its stored name.
        store.Events.AddEventTypes([.. StreamEvents.OfReviews, .. StreamEvents.OfRecords]);
    }
}
