using System.Security.Claims;
using System.Text.Json;
using EventReview.Audit;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Observability;
using EventReview.Reviews;
using EventReview.Screening;
using Marten;
using Microsoft.AspNetCore.Http;

namespace EventReview.Records;

/// <summary>An earlier answer to a POST sent with an Idempotency-Key, stored in the same transaction as its events.</summary>
public sealed record IdempotentResponse(string Id, int Status, string Body);

/// <summary>
/// The one path every command on a record takes: membership check, the record's stream fetched for writing
/// (so a concurrent change becomes 409, never a lost vote), the pure rule, and the append.
/// </summary>
public static class RecordCommand
{
    public const int MaxNote = 4_000;
    public const string IdempotencyHeader = "Idempotency-Key";

    public static async Task<IResult> ExecuteAsync(
        IDocumentSession session,
        HttpContext http,
        Guid reviewId,
        Guid recordId,
        ClaimsPrincipal user,
        Func<Review, RecordState, Actor, RuleOutcome> decide,
        Func<RecordState, object> respond,
        CancellationToken ct)
    {
        var by = Actor.From(user);
        var key = IdempotencyKey(http, by);
        // Marten refuses the empty id as a stream id; no record has it.
        if (recordId == Guid.Empty) return Problems.NotFound("No such record in this review.").ToResult();

        // One round trip for everything the rule and the append need: an earlier answer, the review, the record at its
        // version, and the hash link at the head of its stream (which the new event's link chains to).
        var batch = session.CreateBatchQuery();
        var earlierAnswer = key is null ? Task.FromResult<IdempotentResponse?>(null) : batch.Load<IdempotentResponse>(key);
        var reviewLoad = batch.AddItem(new ReviewRead(session.DocumentStore, reviewId));
        var streamFetch = batch.Events.FetchForWriting<RecordState>(recordId);
        var headLoad = batch.Query<ChainLink>(ChainLink.HeadOfStreamWhere, recordId);
        await batch.Execute(ct);
        foreach (var head in await headLoad) EventChainListener.Remember(session, head);

        if (await earlierAnswer is { } earlier)
            return Results.Text(earlier.Body, "application/json", statusCode: earlier.Status);
        var review = await reviewLoad;
        if (ReviewAccess.Check(review, user) is { } denied) return denied.ToResult();

        session.CorrelateWith(http);
        var stream = await streamFetch;
        if (stream.Aggregate is not { } record || record.ReviewId != reviewId)
            return Problems.NotFound("No such record in this review.").ToResult();

        var outcome = decide(review!, record, by);
        if (outcome.Problem is not null) return outcome.Problem.ToResult();

        stream.AppendMany(outcome.Events);
        var after = outcome.Events.Aggregate(record, (state, e) => RecordFold.Apply(state, e, DateTimeOffset.UtcNow));
        var body = JsonSerializer.Serialize(respond(after), EventReviewJson.Options);
        if (key is not null) session.Insert(new IdempotentResponse(key, StatusCodes.Status200OK, body));
        return Results.Text(body, "application/json", statusCode: StatusCodes.Status200OK);
    }

    private static string? IdempotencyKey(HttpContext http, Actor by)
    {
        var key = http.Request.Headers[IdempotencyHeader].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(key)) return null;
        // Scoped to the caller and the route, so one client's key never answers another's request.
        return $"{by.Id}|{http.Request.Path}|{key.Trim()[..Math.Min(key.Trim().Length, 200)]}";
    }
}
