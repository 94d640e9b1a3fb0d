using Marten;
using Marten.Services;

namespace EventReview.Audit;

/// <summary>
/// Chain links a command has already read with its stream (in its one round trip), carried by the session that read
/// them so that <see cref="EventChainListener"/> need not read them again when it saves. A link never changes once
/// written, so the link read for a given id is the one that id names, whatever the stream has done since. It is a
/// listener only because a Marten session carries its listeners and nothing else a caller can attach.
/// </summary>
public sealed class ChainHeads : DocumentSessionListenerBase
{
    private readonly Dictionary<string, ChainLink> _links = [];

    public static void Attach(IDocumentSession session, IEnumerable<ChainLink> links)
    {
        var heads = Of(session);
        if (heads is null)
        {
            heads = new ChainHeads();
            session.Listeners.Add(heads);
        }
        foreach (var link in links) heads._links[link.Id] = link;
    }

    public static ChainHeads? Of(IDocumentSession session) => session.Listeners.OfType<ChainHeads>().FirstOrDefault();

    public IReadOnlyDictionary<string, ChainLink> Links => _links;
}
