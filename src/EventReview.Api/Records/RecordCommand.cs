using System.Security.Claims;
using System.Text.Json;
using EventReview.Audit;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Observability;
using EventReview.Reviews;
using EventReview.Rules;
using JasperFx.Events;
using Marten;
using Marten.Services.BatchQuerying;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace EventReview.Records;

/// <summary>
/// The one path every command on a record takes (committed with other requests' commands by <see cref="GroupCommit"/>,
/// or alone through Wolverine when that fails): one round trip reads an earlier answer to the same
/// Idempotency-Key, the review, the record at its version, the head of its hash chain and whatever else the decision
/// needs; membership is checked; the command's pure decision runs; its events are appended at the version read (so
/// a concurrent change fails the commit and the command runs again, never a lost vote). Record events go to the
/// record's stream, or to the other record they name when the command fetched it for writing (<see cref="OtherRecords"/>);
/// review events a decision adds go to the review's stream at the version read, so they too fail on a concurrent change.
/// </summary>
public static class RecordCommand
{
    public const int MaxNote = 4_000;
    public const string IdempotencyHeader = Idempotency.Header;

    public static Task<IResult> ExecuteAsync(
        IMessageBus bus, HttpContext http, Guid reviewId, Guid recordId, ClaimsPrincipal user,
        Func<Review, RecordState, Actor, RuleOutcome> decide, Func<RecordState, object> respond, CancellationToken ct) =>
        ExecuteAsync(bus, http, reviewId, recordId, user, _ => Task.FromResult(true),
            (review, record, _, by) => decide(review, record, by), decided => respond(decided.Record), ct);

    /// <param name="alsoRead">Adds the decision's other reads to the batch; its task completes once the batch has run.</param>
    public static Task<IResult> ExecuteAsync<TContext>(
        IMessageBus bus,
        HttpContext http,
        Guid reviewId,
        Guid recordId,
        ClaimsPrincipal user,
        Func<IBatchedQuery, Task<TContext>> alsoRead,
        Func<Review, RecordState, TContext, Actor, RuleOutcome> decide,
        Func<RecordDecided<TContext>, object> respond,
        CancellationToken ct) =>
        ExecuteAsync(bus, http, reviewId, recordId, user, alsoRead, null, (review, record, read, _, by) => decide(review, record, read, by), respond, ct);

    /// <summary>A command whose rule reads other records and whose events also go to them (see <see cref="OtherRecords"/>).</summary>
    /// <param name="alsoWrite">
    /// The other records, named from the record as read (the record a mark keeps, the study a report leaves): they are
    /// fetched for writing in a second round trip, after the record's own version is known. The decision's events go to
    /// the record each names by its <c>RecordId</c>.
    /// </param>
    public static Task<IResult> ExecuteAsync(
        IMessageBus bus,
        HttpContext http,
        Guid reviewId,
        Guid recordId,
        ClaimsPrincipal user,
        Func<RecordState, IEnumerable<Guid?>> alsoWrite,
        Func<Review, RecordState, OtherRecords, Actor, RuleOutcome> decide,
        Func<RecordState, object> respond,
        CancellationToken ct) =>
        ExecuteAsync(bus, http, reviewId, recordId, user, _ => Task.FromResult(true), alsoWrite,
            (review, record, _, others, by) => decide(review, record, others, by), decided => respond(decided.Record), ct);

    private static async Task<IResult> ExecuteAsync<TContext>(
        IMessageBus bus,
        HttpContext http,
        Guid reviewId,
        Guid recordId,
        ClaimsPrincipal user,
        Func<IBatchedQuery, Task<TContext>> alsoRead,
        Func<RecordState, IEnumerable<Guid?>>? alsoWrite,
        Func<Review, RecordState, TContext, OtherRecords, Actor, RuleOutcome> decide,
        Func<RecordDecided<TContext>, object> respond,
        CancellationToken ct)
    {
        // Marten refuses the empty id as a stream id; no record has it.
        if (recordId == Guid.Empty) return Problems.NotFound("No such record in this review.").ToResult();
        var by = Actor.From(user);
        // Checked, and an earlier answer replayed, by the Idempotency middleware; read again here for a concurrent duplicate.
        var key = Idempotency.Of(http);
        var correlationId = CorrelationId.Of(http);
        var reviews = http.RequestServices.GetRequiredService<ReviewCache>();

        async Task<RecordAnswer> Run(IDocumentSession session, CancellationToken token)
        {
            var batch = session.CreateBatchQuery();
            var earlierAnswer = key is null ? Task.FromResult<IdempotentResponse?>(null)
                : batch.Query<IdempotentResponse>().Where(r => r.Key == key.Key).OrderByDescending(r => r.At).FirstOrDefault();
            var reviewLoad = batch.AddItem(new ReviewRead(reviews, reviewId));
            // The stream's version is read before anything the decision also reads from it, so those reads are never
            // older than the version the append expects: a change committed in between fails the append instead.
            // A command that also writes other records fetches them all for writing in the second round trip instead.
            var streamFetch = alsoWrite is null ? batch.Events.FetchForWriting<RecordState>(recordId) : null;
            var recordPeek = alsoWrite is null ? null : batch.Load<RecordState>(recordId);
            var headLoad = alsoWrite is null ? batch.Query<ChainLink>(ChainLink.HeadOfStreamWhere, recordId) : null;
            var context = alsoRead(batch);
            await batch.Execute(token);
            if (headLoad is not null) ChainHeads.Attach(session, await headLoad);

            var review = await reviewLoad;
            if (ReviewAccess.Refuse(review, by.Id) is { } denied) return RecordAnswer.Refused(denied.ToProblem());
            if (await earlierAnswer is { } earlier)
                return Idempotency.Refusal(key!, earlier, review, by.Id) is { } reused ? RecordAnswer.Refused(reused) : new RecordAnswer(null, earlier.Status, earlier.Body);

            IEventStream<RecordState>? stream = null;
            var others = OtherRecords.None;
            if (streamFetch is not null) stream = await streamFetch;
            else if (await recordPeek! is { } peeked && peeked.ReviewId == reviewId)
                (stream, others) = await FetchForWritingAsync(session, recordId, alsoWrite!, peeked, token);
            if (stream?.Aggregate is not { } record || record.ReviewId != reviewId)
                return RecordAnswer.Refused(Problems.NotFound("No such record in this review."));

            var read = await context;
            var outcome = decide(review!, record, read, others, by);
            if (outcome.Refused is { } refused) return RecordAnswer.Refused(refused.ToProblem());

            var recordEvents = outcome.Events.OfType<IRecordEvent>().ToArray();
            var reviewEvents = outcome.Events.Where(e => e is not IRecordEvent).ToArray();
            foreach (var events in recordEvents.GroupBy(e => e.RecordId))
            {
                var target = events.Key == recordId ? stream! : others.StreamOf(events.Key) is { Aggregate: not null } other ? other
                    : throw new InvalidOperationException($"The decision appends to record {events.Key}, which it did not read for writing.");
                target.AppendMany(events.Cast<object>().ToArray());
            }
            if (reviewEvents.Length > 0) session.Events.Append(reviewId, review!.Version + reviewEvents.Length, reviewEvents);
            // On the events themselves, not the session: a session may carry the commands of several requests (GroupCommit).
            foreach (var e in session.PendingChanges.Streams().SelectMany(s => s.Events)) e.CorrelationId ??= correlationId;

            var after = recordEvents.Where(e => e.RecordId == recordId)
                .Aggregate(record, (state, e) => RecordFold.Apply(state, e, DateTimeOffset.UtcNow));
            var body = JsonSerializer.Serialize(respond(new RecordDecided<TContext>(review!, after, read, outcome, by)), EventReviewJson.Options);
            if (key is not null) session.Insert(key.Answer(StatusCodes.Status200OK, body, review!.MemberOf(by.Id)?.Roles));
            return new RecordAnswer(null, StatusCodes.Status200OK, body);
        }

        var answer = await http.RequestServices.GetRequiredService<GroupCommit>().RunAsync(recordId, Run)
            ?? await bus.InvokeAsync<RecordAnswer>(new DecideOnRecord(recordId, Run), ct);
        if (key is not null && answer.Problem is null) Idempotency.MarkStored(http);
        return answer.ToResult();
    }

    /// <summary>
    /// The record and the other records it names, fetched for writing with the heads of their hash chains in one more
    /// round trip. They are fetched, and so appended, in id order: two commands writing the same two records lock them in
    /// the same order, so the later one waits for the first and fails on the version (and runs again), never a deadlock.
    /// </summary>
    private static async Task<(IEventStream<RecordState> Record, OtherRecords Others)> FetchForWritingAsync(IDocumentSession session,
        Guid recordId, Func<RecordState, IEnumerable<Guid?>> alsoWrite, RecordState peeked, CancellationToken token)
    {
        var ids = Named(alsoWrite(peeked)).Append(recordId).Distinct().Order().ToArray();
        var batch = session.CreateBatchQuery();
        var fetches = ids.Select(id => (Id: id, Stream: batch.Events.FetchForWriting<RecordState>(id),
            Head: batch.Query<ChainLink>(ChainLink.HeadOfStreamWhere, id))).ToArray();
        await batch.Execute(token);
        var streams = new Dictionary<Guid, IEventStream<RecordState>>();
        foreach (var (id, fetch, head) in fetches)
        {
            streams[id] = await fetch;
            ChainHeads.Attach(session, await head);
        }

        // The record changed between the two reads so that it names other records now: run the command again.
        var record = streams[recordId];
        if (record.Aggregate is { } now && Named(alsoWrite(now)).Any(id => !streams.ContainsKey(id)))
            throw new JasperFx.ConcurrencyException($"Record {recordId} changed while the records it names were read.", null!);
        streams.Remove(recordId);
        return (record, new OtherRecords(streams));
    }

    private static IEnumerable<Guid> Named(IEnumerable<Guid?> ids) => ids.OfType<Guid>().Where(id => id != Guid.Empty);
}
