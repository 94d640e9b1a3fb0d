using System.Text.Json.Serialization;

namespace EventReview.Prisma;

/// <summary>
/// The body of GET /api/reviews/{id}/prisma: the flow's template keys at the top level (as
/// <see cref="PrismaFlow"/> serializes them), plus every discrepancy found in it.
/// </summary>
public sealed record PrismaReport : PrismaFlow
{
    public PrismaReport(PrismaFlow flow) : base(flow) { }

    [JsonPropertyName("discrepancies"), JsonPropertyOrder(1)] public IReadOnlyList<Discrepancy> Discrepancies { get; init; } = [];

    /// <summary>The derived flow's own arithmetic and source counts, and, when given, its comparison with a reported flow.</summary>
    public static PrismaReport Build(PrismaFlow derived, ReportedFlow? reported = null) =>
        new(derived)
        {
            Discrepancies =
            [
                .. PrismaInvariants.Check(derived),
                .. PrismaComparison.CompareSources(derived.Sources),
                .. reported is null ? [] : PrismaComparison.Compare(derived, reported),
            ],
        };
}
