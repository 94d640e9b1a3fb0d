using System.Text.Json;
using EventReview.Identity;
using EventReview.Reviews;
using JasperFx.Events;
using Marten;
using Marten.Services;

namespace EventReview.Audit;

/// <summary>
/// Chains every appended event to the previous event of its stream just before the transaction is written:
/// by then Marten has given each event its version and timestamp, which the hash covers. (The database assigns the
/// sequence number during the write; the hash does not cover it.)
/// Every link the transaction writes is sealed with one <see cref="ChainBatch"/>. A store built without the seal key
/// (one that only reads) refuses to append.
/// </summary>
public sealed class EventChainListener(SealKey? key, CommittedLinks? committed = null) : DocumentSessionListenerBase
{
    public SealKey? Key => key;

    /// <summary>The links this store's writes committed, for the sealer of this process.</summary>
    public CommittedLinks? Committed => committed;

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        committed?.Remember(commit.Inserted.OfType<ChainLink>());
        return Task.CompletedTask;
    }

    /// <summary>The key the store's chain listener seals with, for writes that bypass the session (bulk imports).</summary>
    public static SealKey SealKeyOf(IDocumentStore store) =>
        Of(store).Key ?? throw new InvalidOperationException("This store has no seal key and cannot append events.");

    public static EventChainListener Of(IDocumentStore store) => ((StoreOptions)store.Options).Listeners.OfType<EventChainListener>().Single();

    public override async Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var streams = session.PendingChanges.Streams().Where(s => s.Events.Count > 0).ToList();
        if (streams.Count == 0) return;
        if (key is null) throw new InvalidOperationException("This store has no seal key and cannot append events.");

        // One round trip for the heads of all streams that already have events, unless they have been read already.
        var heads = ChainHeads.Of(session) is { } read ? new Dictionary<string, ChainLink>(read.Links) : [];
        var headIds = streams.Where(s => s.Events[0].Version > 1).Select(s => ChainLink.IdFor(s.Id, s.Events[0].Version - 1))
            .Where(id => !heads.ContainsKey(id)).ToArray();
        if (headIds.Length > 0)
            foreach (var link in await session.LoadManyAsync<ChainLink>(token, headIds)) heads[link.Id] = link;

        var links = new List<ChainLink>();
        foreach (var stream in streams)
        {
            var first = stream.Events[0];
            // Quick appends know an event's version only when the append named the version it expects.
            if (first.Version < 1)
                throw new InvalidOperationException($"An append to stream {stream.Id} did not name the version it expects; its events cannot be chained.");
            var previous = first.Version == 1
                ? HashChain.Genesis(stream.Id.ToString("D"))
                : heads.TryGetValue(ChainLink.IdFor(stream.Id, first.Version - 1), out var head)
                    ? head.Hash
                    : throw new InvalidOperationException($"Stream {stream.Id} has no chain link at version {first.Version - 1}.");
            foreach (var e in stream.Events)
            {
                // The database keeps microseconds; the hash must cover exactly what is stored.
                e.Timestamp = ChainTimestamp.Normalize(e.Timestamp);
                var link = Link(e, stream.Id, Serialize(session, e.Data), Headers(session, e), previous);
                links.Add(link);
                previous = link.Hash;
            }
        }
        var (batch, sealedLinks) = ChainBatch.Seal(key, links);
        // Insert, never upsert: a link is written once, and the application role may not update it.
        session.Insert(batch);
        foreach (var link in sealedLinks) session.Insert(link);
    }

    /// <summary>The link of one event whose data serializes to <paramref name="data"/>, after the stream's <paramref name="previous"/> hash.</summary>
    public static ChainLink Link(IEvent e, Guid streamId, JsonElement data, JsonElement? headers, string previous)
    {
        var hash = HashChain.Compute(previous, ToCanonical(e, streamId, data, headers));
        var reviewId = (e.Data as IReviewEvent)?.ReviewId ?? Guid.Empty;
        return new ChainLink(ChainLink.IdFor(streamId, e.Version), reviewId, streamId, e.Version, previous, hash);
    }

    public static CanonicalEvent ToCanonical(IEvent e, Guid streamId, JsonElement data, JsonElement? headers)
    {
        var by = (e.Data as IReviewEvent)?.By ?? ActorOf(data);
        return new CanonicalEvent(streamId.ToString("D"), e.Version, e.EventTypeName, data, by.Id, by.Name, e.Timestamp, e.CorrelationId,
            e.CausationId, headers, e.TenantId ?? CanonicalEvent.DefaultTenant, Archived: false);
    }

    /// <summary>The actor as stored in the event's JSON, for readers that do not deserialize events.</summary>
    public static Actor ActorOf(JsonElement data) =>
        data.TryGetProperty("by", out var by) && by.ValueKind == JsonValueKind.Object
            ? new Actor(by.GetProperty("id").GetString() ?? "", by.GetProperty("name").GetString() ?? "")
            : new Actor("", "");

    private static JsonElement Serialize(IDocumentSession session, object data) =>
        JsonDocument.Parse(session.DocumentStore.Options.Serializer().ToJson(data)).RootElement;

    // Marten stores the headers as its serializer writes them; no headers at all are the JSON null.
    private static JsonElement? Headers(IDocumentSession session, IEvent e) =>
        e.Headers is { Count: > 0 } headers ? Serialize(session, headers) : null;
}
