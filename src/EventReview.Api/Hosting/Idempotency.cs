using System.Security.Cryptography;
using System.Text;
using EventReview.Identity;
using EventReview.Reviews;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EventReview.Hosting;

/// <summary>
/// An earlier answer to a POST sent with an Idempotency-Key. <see cref="Key"/> is the key's hash, <see cref="Fingerprint"/>
/// the hash of the method, route, caller and body it answered, <see cref="Roles"/> the caller's roles in the route's
/// review when it was stored. Rows are only ever inserted: an expired key's next use stores a new row beside the old.
/// Answers stored before these fields existed have no key and are never replayed.
/// </summary>
public sealed record IdempotentResponse(string Id, int Status, string Body, string? Key = null, string? Fingerprint = null,
    IReadOnlyList<Role>? Roles = null, DateTimeOffset? At = null, string? Location = null);

/// <summary>The key and fingerprint of the request being served, for the command that stores its answer itself.</summary>
public sealed record IdempotentRequest(string Key, string Fingerprint)
{
    public IdempotentResponse Answer(int status, string body, IReadOnlyList<Role>? roles, string? location = null)
    {
        var at = DateTimeOffset.UtcNow;
        return new IdempotentResponse($"{Key}:{at.UtcTicks}", status, body, Key, Fingerprint, roles, at, location);
    }
}

/// <summary>
/// Honours Idempotency-Key on every POST. The
/// first answer (2xx) to a key is stored; the same request again gets that answer, after the caller's access is checked
/// again: a caller no longer a member gets 404, one whose roles in the review shrank since gets 403. The key used with
/// another body, route or caller is 422. A key is good for EventReview:IdempotencyKeyHours (24 h); after that it is
/// served as new. Record commands store their answer in the transaction of their events (<see cref="Records.RecordCommand"/>);
/// other routes' answers are stored here once the command has committed.
/// </summary>
public sealed class Idempotency(RequestDelegate next, EventReviewOptions options)
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 200;

    public async Task InvokeAsync(HttpContext http, IProblemDetailsService problems)
    {
        var key = http.Request.Headers[Header].ToString().Trim();
        if (!HttpMethods.IsPost(http.Request.Method) || key.Length == 0 || http.User.Identity?.IsAuthenticated != true)
        {
            await next(http);
            return;
        }
        if (key.Length > MaxKeyLength || StorableText.Problem(key) is not null)
        {
            await RefuseAsync(http, problems, Problems.Invalid($"The {Header} header must be at most {MaxKeyLength} characters of storable text."));
            return;
        }

        var request = new IdempotentRequest(Hash(key), await FingerprintAsync(http, Actor.From(http.User).Id));
        var session = http.RequestServices.GetRequiredService<IQuerySession>();
        var since = DateTimeOffset.UtcNow - TimeSpan.FromHours(options.IdempotencyKeyHours);
        var earlier = await session.Query<IdempotentResponse>()
            .Where(r => r.Key == request.Key && r.At > since).OrderByDescending(r => r.At).FirstOrDefaultAsync(http.RequestAborted);
        if (earlier is not null)
        {
            if (await RefusalAsync(http, session, request, earlier) is { } refused) await RefuseAsync(http, problems, refused);
            else await ReplayAsync(http, earlier);
            return;
        }

        http.Items[typeof(IdempotentRequest)] = request;
        var original = http.Response.Body;
        using var captured = new MemoryStream();
        http.Response.Body = captured;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }
        if (http.Response.StatusCode is >= 200 and < 300 && !http.Items.ContainsKey(Stored))
            await StoreAsync(http, request, Encoding.UTF8.GetString(captured.ToArray()));
        captured.Position = 0;
        await captured.CopyToAsync(original, http.RequestAborted);
    }

    /// <summary>The key and fingerprint of the request, when it carries a key this middleware has checked.</summary>
    public static IdempotentRequest? Of(HttpContext http) => http.Items.TryGetValue(typeof(IdempotentRequest), out var r) ? (IdempotentRequest)r! : null;

    /// <summary>Called by a command that stored its answer with its events, so it is not stored twice.</summary>
    public static void MarkStored(HttpContext http) => http.Items[Stored] = true;

    /// <summary>Why an earlier answer to the key is not served to this request, or null when it is.</summary>
    public static ProblemDetails? Refusal(IdempotentRequest request, IdempotentResponse earlier, Review? review, string userId)
    {
        if (earlier.Fingerprint != request.Fingerprint)
        {
            return new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity, Title = "Idempotency-Key reused",
                Detail = $"This {Header} was first sent with another request (another body, route or caller). Send a new key for a new request.",
            };
        }
        if (earlier.Roles is null) return null;
        var member = review?.MemberOf(userId);
        if (member is null) return Problems.NotFound("No such review.");
        return earlier.Roles.All(member.Roles.Contains) ? null
            : Problems.Forbidden("Your roles in this review changed since this answer was given; it is not served again. Send the request with a new key.");
    }

    private static readonly object Stored = new();

    private static async Task<ProblemDetails?> RefusalAsync(HttpContext http, IQuerySession session, IdempotentRequest request, IdempotentResponse earlier)
    {
        var reviewId = ReviewIdOf(http);
        var review = earlier.Roles is null || reviewId is null ? null : await session.LoadAsync<Review>(reviewId.Value, http.RequestAborted);
        return Refusal(request, earlier, review, Actor.From(http.User).Id);
    }

    private static async Task StoreAsync(HttpContext http, IdempotentRequest request, string body)
    {
        var store = http.RequestServices.GetRequiredService<IDocumentStore>();
        await using var session = store.LightweightSession();
        var reviewId = ReviewIdOf(http);
        var review = reviewId is null ? null : await session.LoadAsync<Review>(reviewId.Value, http.RequestAborted);
        var roles = review?.MemberOf(Actor.From(http.User).Id)?.Roles ?? (reviewId is null ? null : []);
        session.Insert(request.Answer(http.Response.StatusCode, body, roles, http.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null));
        await session.SaveChangesAsync(http.RequestAborted);
    }

    private static Task ReplayAsync(HttpContext http, IdempotentResponse earlier)
    {
        http.Response.StatusCode = earlier.Status;
        http.Response.ContentType = "application/json";
        if (earlier.Location is not null) http.Response.Headers.Location = earlier.Location;
        return http.Response.WriteAsync(earlier.Body, http.RequestAborted);
    }

    private static Guid? ReviewIdOf(HttpContext http) =>
        Guid.TryParse(http.GetRouteValue("reviewId") as string, out var id) ? id : null;

    private static async Task<string> FingerprintAsync(HttpContext http, string userId)
    {
        // The body is read here and again by the endpoint: a JSON command (at most EventReview:MaxJsonBodyBytes) from
        // memory, an upload sent with a key from the temporary file ASP.NET Core spools it to beyond 30 KB.
        http.Request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{http.Request.Method}\n{http.Request.Path}{http.Request.QueryString}\n{userId}\n"));
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0) hash.AppendData(buffer, 0, read);
        http.Request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static Task RefuseAsync(HttpContext http, IProblemDetailsService problems, ProblemDetails problem)
    {
        http.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        return problems.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem }).AsTask();
    }
}
