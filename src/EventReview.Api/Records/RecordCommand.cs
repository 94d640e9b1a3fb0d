using System.Security.Claims;
using System.Text.Json;
using EventReview.Audit;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Observability;
using EventReview.Reviews;
using EventReview.Rules;
using Marten;
using Marten.Services.BatchQuerying;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Microsoft.Extensions.DependencyInjection;

namespace EventReview.Records;

/// <summary>An earlier answer to a POST sent with an Idempotency-Key, stored in the same transaction as its events.</summary>
public sealed record IdempotentResponse(string Id, int Status, string Body);

/// <summary>What a command on a record decided on, for its answer.</summary>
public sealed record RecordDecided<TContext>(Review Review, RecordState Record, TContext Context, RuleOutcome Outcome, Actor By);

/// <summary>The answer to a command on a record: a refusal, or the JSON body sent with its status.</summary>
public sealed record RecordAnswer(ProblemDetails? Problem, int Status, string? Body)
{
    public static RecordAnswer Refused(ProblemDetails problem) => new(problem, problem.Status ?? 400, null);

    public IResult ToResult() => Problem?.ToResult() ?? Results.Text(Body, "application/json", statusCode: Status);
}

/// <summary>
/// A command on one record, run through Wolverine's handler pipeline so that its retry policy applies: two
/// commands that do not contradict each other (two screeners voting on one record at the same moment) can both
/// read version n, and the one that commits second fails on the version it expected; it is then run again from its
/// read, and only a decision that refuses it on the newer state reaches the client as a 409.
/// </summary>
public sealed record DecideOnRecord(Guid RecordId, Func<IDocumentSession, CancellationToken, Task<RecordAnswer>> Run);

public static class DecideOnRecordHandler
{
    public static Task<RecordAnswer> Handle(DecideOnRecord command, IDocumentSession session, CancellationToken ct) => command.Run(session, ct);
}

/// <summary>
/// The one path every command on a record takes: one round trip reads an earlier answer to the same
/// Idempotency-Key, the review, the record at its version, the head of its hash chain and whatever else the decision
/// needs; membership is checked; the command's pure decision runs; its events are appended at the version read (so
/// a concurrent change fails the commit and the command runs again, never a lost vote). Record events go to the
/// record's stream; review events a decision adds go to the review's stream at the version read, so they too fail
/// on a concurrent change.
/// </summary>
public static class RecordCommand
{
    public const int MaxNote = 4_000;
    public const string IdempotencyHeader = "Idempotency-Key";

    public static Task<IResult> ExecuteAsync(
        IMessageBus bus, HttpContext http, Guid reviewId, Guid recordId, ClaimsPrincipal user,
        Func<Review, RecordState, Actor, RuleOutcome> decide, Func<RecordState, object> respond, CancellationToken ct) =>
        ExecuteAsync(bus, http, reviewId, recordId, user, _ => Task.FromResult(true),
            (review, record, _, by) => decide(review, record, by), decided => respond(decided.Record), ct);

    /// <param name="alsoRead">Adds the decision's other reads to the batch; its task completes once the batch has run.</param>
    public static async Task<IResult> ExecuteAsync<TContext>(
        IMessageBus bus,
        HttpContext http,
        Guid reviewId,
        Guid recordId,
        ClaimsPrincipal user,
        Func<IBatchedQuery, Task<TContext>> alsoRead,
        Func<Review, RecordState, TContext, Actor, RuleOutcome> decide,
        Func<RecordDecided<TContext>, object> respond,
        CancellationToken ct)
    {
        // Marten refuses the empty id as a stream id; no record has it.
        if (recordId == Guid.Empty) return Problems.NotFound("No such record in this review.").ToResult();
        var by = Actor.From(user);
        var key = IdempotencyKey(http, by);
        var correlationId = CorrelationId.Of(http);
        var reviews = http.RequestServices.GetRequiredService<ReviewCache>();

        async Task<RecordAnswer> Run(IDocumentSession session, CancellationToken token)
        {
            var batch = session.CreateBatchQuery();
            var earlierAnswer = key is null ? Task.FromResult<IdempotentResponse?>(null) : batch.Load<IdempotentResponse>(key);
            var reviewLoad = batch.AddItem(new ReviewRead(reviews, reviewId));
            // The stream's version is read before anything the decision also reads from it, so those reads are never
            // older than the version the append expects: a change committed in between fails the append instead.
            var streamFetch = batch.Events.FetchForWriting<RecordState>(recordId);
            var headLoad = batch.Query<ChainLink>(ChainLink.HeadOfStreamWhere, recordId);
            var context = alsoRead(batch);
            await batch.Execute(token);
            ChainHeads.Attach(session, await headLoad);

            if (await earlierAnswer is { } earlier) return new RecordAnswer(null, earlier.Status, earlier.Body);
            var review = await reviewLoad;
            if (ReviewAccess.Refuse(review, by.Id) is { } denied) return RecordAnswer.Refused(denied.ToProblem());

            session.CorrelationId = correlationId;
            var stream = await streamFetch;
            if (stream.Aggregate is not { } record || record.ReviewId != reviewId)
                return RecordAnswer.Refused(Problems.NotFound("No such record in this review."));

            var read = await context;
            var outcome = decide(review!, record, read, by);
            if (outcome.Refused is { } refused) return RecordAnswer.Refused(refused.ToProblem());

            var recordEvents = outcome.Events.Where(e => e is IRecordEvent).ToArray();
            var reviewEvents = outcome.Events.Where(e => e is not IRecordEvent).ToArray();
            stream.AppendMany(recordEvents);
            if (reviewEvents.Length > 0) session.Events.Append(reviewId, review!.Version + reviewEvents.Length, reviewEvents);

            var after = recordEvents.Aggregate(record, (state, e) => RecordFold.Apply(state, e, DateTimeOffset.UtcNow));
            var body = JsonSerializer.Serialize(respond(new RecordDecided<TContext>(review!, after, read, outcome, by)), EventReviewJson.Options);
            if (key is not null) session.Insert(new IdempotentResponse(key, StatusCodes.Status200OK, body));
            return new RecordAnswer(null, StatusCodes.Status200OK, body);
        }

        var answer = await bus.InvokeAsync<RecordAnswer>(new DecideOnRecord(recordId, Run), ct);
        return answer.ToResult();
    }

    private static string? IdempotencyKey(HttpContext http, Actor by)
    {
        var key = http.Request.Headers[IdempotencyHeader].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(key)) return null;
        // Scoped to the caller and the route, so one client's key never answers another's request.
        return $"{by.Id}|{http.Request.Path}|{key.Trim()[..Math.Min(key.Trim().Length, 200)]}";
    }
}
