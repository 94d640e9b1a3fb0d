namespace EventReview.Prisma;

/// <summary>
/// How many records of one search stand at one status (with the removal kind or exclusion reason where it has one),
/// PRISMA counts are a pure function of these tallies and the number of included studies.
/// </summary>
public sealed record RecordTally(Guid SearchId, string Status, string? Detail, int Records);
