using EventReview.Prisma;
using EventReview.Records;

namespace EventReview.Tests.Infrastructure;

// Shapes the tests read answers into where the API's own record is not the simplest to use, and readings they repeat.

/// <summary>The answer to a POST that creates something: its id.</summary>
public sealed record Created(Guid Id);

/// <summary>Readings of GET /records/{id}/trail the tests repeat.</summary>
public static class TrailReadings
{
    public const string VoteCast = "screening_vote_cast";

    extension(RecordTrail trail)
    {
        public IReadOnlyList<TrailEntry> Votes => [.. trail.Events.Where(e => e.Event == VoteCast)];

        public IReadOnlyList<string> Names => [.. trail.Events.Select(e => e.Event)];
    }
}

/// <summary>GET /prisma: every box of the flow and the figures that do not add up.</summary>
public sealed record PrismaView : PrismaFlow
{
    public IReadOnlyList<Discrepancy> Discrepancies { get; init; } = [];
}
