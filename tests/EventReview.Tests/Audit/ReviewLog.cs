using System.Text.Json;
using EventReview.Audit;

namespace EventReview.Tests.Audit;

/// <summary>Given-helpers: a small chained review log, and the edits an attacker with database access could make.</summary>
internal static class ReviewLog
{
    public static readonly DateTimeOffset Start = new(2025, 3, 4, 9, 0, 0, TimeSpan.Zero);

    // A review stream and two record streams, interleaved the way a review appends them.
    private static readonly (string Stream, string Type, string Actor, string Data)[] Steps =
    [
        ("review-1", "ReviewCreated", "seed-lead", """{"title":"Statins and sleep","question":"Do statins disturb sleep?"}"""),
        ("record-a", "RecordImported", "seed-lead", """{"title":"Sleep quality on simvastatin","year":2019,"authors":["Müller, A.","Ōta, K."]}"""),
        ("record-b", "RecordImported", "seed-lead", """{"title":"Lipids and insomnia","year":2021,"authors":[]}"""),
        ("record-a", "ScreeningVoteCast", "seed-screener-1", """{"stage":"title-abstract","decision":"include"}"""),
        ("record-b", "ScreeningVoteCast", "seed-screener-1", """{"stage":"title-abstract","decision":"exclude","reasonCode":"wrong-population"}"""),
        ("record-a", "ScreeningVoteCast", "seed-screener-2", """{"stage":"title-abstract","decision":"include","note":null}"""),
        ("review-1", "StageSettingsChanged", "seed-lead", """{"stage":"full-text","reviewersPerRecord":2,"blinded":true}"""),
        ("record-b", "ScreeningVoteCast", "seed-screener-2", """{"stage":"title-abstract","decision":"exclude","reasonCode":"wrong-population"}"""),
        ("record-a", "RetrievalRecorded", "seed-lead", """{"retrieved":true,"score":0.75}"""),
    ];

    /// <summary>Sequences 1..9: review-1 v1, record-a v1, record-b v1, record-a v2, record-b v2, record-a v3,
    /// review-1 v2, record-b v3, record-a v4.</summary>
    public static List<ChainedEvent> Sample() =>
        Rechain(Steps.Select((step, i) => new ChainedEvent(
            Sequence: i + 1, StreamId: step.Stream, StreamVersion: 0, EventType: step.Type, Data: Json(step.Data),
            ActorId: step.Actor, ActorName: step.Actor == "seed-lead" ? "Lena Lead" : "Sam Screener",
            Timestamp: Start.AddMinutes(i).AddTicks(i * 10), CorrelationId: $"corr-{i / 2}", PreviousHash: "", Hash: "")));

    /// <summary>What an attacker does after editing: give every stream versions 1..n and recompute all hashes.</summary>
    public static List<ChainedEvent> Rechain(IEnumerable<ChainedEvent> events)
    {
        var tips = new Dictionary<string, (long Version, string Hash)>();
        var result = new List<ChainedEvent>();
        foreach (var e in events)
        {
            var (version, previous) = tips.TryGetValue(e.StreamId, out var tip) ? (tip.Version + 1, tip.Hash) : (1, HashChain.Genesis(e.StreamId));
            var chained = ChainedEvent.Create(e.ToCanonical() with { StreamVersion = version }, e.Sequence, previous);
            tips[e.StreamId] = (version, chained.Hash);
            result.Add(chained);
        }
        return result;
    }

    /// <summary>Sequence numbers are not hashed, so anyone can make them run 1..n again.</summary>
    public static List<ChainedEvent> Renumber(IEnumerable<ChainedEvent> events) =>
        events.Select((e, i) => e with { Sequence = i + 1 }).ToList();

    public static ChainedEvent At(this List<ChainedEvent> log, string stream, long version) =>
        log.Single(e => e.StreamId == stream && e.StreamVersion == version);

    public static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
