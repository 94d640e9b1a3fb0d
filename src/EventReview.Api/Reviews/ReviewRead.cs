using System.Collections.Concurrent;
using System.Data.Common;
using EventReview.Hosting;
using Marten.Linq.QueryHandlers;
using Weasel.Postgresql;
using Weasel.Storage;

namespace EventReview.Reviews;

/// <summary>
/// Reads a review for a command on one of its records, in the command's batch. Every vote needs the review
/// (membership, stage settings, reasons) and a review rarely changes, so the last one read from each store is kept in
/// memory with its version (the review stream's version, which Marten stores as the document's mt_version and which
/// every change raises): PostgreSQL returns the document only when the stored version differs, and otherwise one
/// number. A vote then neither ships nor parses the whole review (4 kB for 32 members, about 45 µs to deserialize).
/// </summary>
public sealed class ReviewRead(ReviewCache cache, Guid reviewId) : IQueryHandler<Review?>
{
    private readonly ConcurrentDictionary<Guid, ReviewCache.Held> _lastRead = cache.LastRead;

    // Taken when the command is built, so the answer is compared with the version the query asked about.
    private ReviewCache.Held? _held;

    public void ConfigureCommand(ICommandBuilder builder, IStorageSession session)
    {
        _held = _lastRead.GetValueOrDefault(reviewId);
        builder.Append("select mt_version, case when mt_version = ");
        builder.AppendParameter(_held?.Version ?? -1L);
        builder.Append($" then null else data end from {EventStoreSetup.Schema}.mt_doc_review where id = ");
        builder.AppendParameter(reviewId);
    }

    public async Task<Review?> HandleAsync(DbDataReader reader, IStorageSession session, CancellationToken token)
    {
        if (!await reader.ReadAsync(token)) return null;
        if (await reader.IsDBNullAsync(1, token)) return _held!.Review;

        var version = await reader.GetFieldValueAsync<long>(0, token);
        var review = session.Serializer.FromJson<Review>(reader, 1);
        if (_lastRead.Count >= ReviewCache.MaxHeld) _lastRead.Clear();
        _lastRead[reviewId] = new ReviewCache.Held(version, review);
        return review;
    }

    public Task<int> StreamJson(Stream stream, DbDataReader reader, CancellationToken token) =>
        throw new NotSupportedException("A review read for a command is not streamed.");
}

/// <summary>
/// The reviews last read for commands, one cache per document store (a service of the application that owns the
/// store): the same review id at the same version means the same review only within one database.
/// </summary>
public sealed class ReviewCache
{
    /// <summary>Bounded so that a long-running server reading many reviews does not grow without end.</summary>
    public const int MaxHeld = 10_000;

    public sealed record Held(long Version, Review Review);

    internal ConcurrentDictionary<Guid, Held> LastRead { get; } = new();
}
