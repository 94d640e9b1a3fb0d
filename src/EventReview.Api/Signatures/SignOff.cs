using System.Security.Claims;
using System.Text.Json.Serialization;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Records;
using EventReview.Reviews;
using EventReview.Rules;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Signatures;

public sealed record SignOff([property: JsonRequired] SignatureScope Scope, string Meaning);

public sealed record SignedOff(SignatureScope Scope, string Meaning, string StateHash, int Records, Actor SignedBy);

public static class SignOffEndpoint
{
    public static ProblemDetails Validate(SignOff command) => Problems.FirstOf(Problems.CheckText(command.Meaning, "meaning", 500));

    /// <summary>A lead signs off a stage or the final included set, bound to the hash of exactly the records it covers as they stand.</summary>
    public static RuleOutcome Decide(Review review, IReadOnlyList<RecordState> records, SignOff command, Actor by)
    {
        if (ReviewAccess.Refuse(review, by.Id, Role.Lead) is { } denied) return denied;
        var entries = SignedState.Entries(records, command.Scope);
        if (entries.Count == 0)
            return Refusal.Broken("nothing-to-sign", "No record is decided in this scope yet; there is nothing to sign.");
        return RuleOutcome.Append(new SignatureRecorded(review.Id, command.Scope, command.Meaning.Trim(),
            SignedState.Hash(review.Id, command.Scope, records), entries.Count, by));
    }

    [WolverinePost("/api/reviews/{reviewId}/signatures"), Tags("Audit")]
    public static Task<IResult> Post(Guid reviewId, SignOff command, ClaimsPrincipal user, IDocumentSession session, HttpContext http,
        CancellationToken ct) =>
        ReviewCommand.ExecuteAsync(session, http, reviewId, user,
            async (review, by) => Decide(review, await session.Query<RecordState>().Where(r => r.ReviewId == reviewId).ToListAsync(ct), command, by),
            (_, events) =>
            {
                var s = events.OfType<SignatureRecorded>().Single();
                return Results.Ok(new SignedOff(s.Scope, s.Meaning, s.StateHash, s.Records, s.By));
            }, ct);
}
