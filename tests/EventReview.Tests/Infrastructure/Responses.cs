using EventReview.Prisma;
using EventReview.Records;

namespace EventReview.Tests.Infrastructure;

// The shapes of answers the API builds as anonymous objects, or as types it only writes, read back by the tests.

/// <summary>The answer to a POST that creates something: its id.</summary>
public sealed record Created(Guid Id);

/// <summary>GET /records/{id}/trail: the record's events as the caller may see them.</summary>
public sealed record Trail(Guid RecordId, Guid ReviewId, string Status, IReadOnlyList<TrailEntry> Events)
{
    public const string VoteCast = "screening_vote_cast";

    public IReadOnlyList<TrailEntry> Votes => [.. Events.Where(e => e.Event == VoteCast)];

    public IReadOnlyList<string> Names => [.. Events.Select(e => e.Event)];
}

/// <summary>GET /prisma: every box of the flow and the figures that do not add up.</summary>
public sealed record PrismaView : PrismaFlow
{
    public IReadOnlyList<Discrepancy> Discrepancies { get; init; } = [];
}

/// <summary>POST /deduplication.</summary>
public sealed record DeduplicationRun(int DuplicatesMarked, IReadOnlyDictionary<string, int> ByMethod, int SkippedBecauseScreened);
