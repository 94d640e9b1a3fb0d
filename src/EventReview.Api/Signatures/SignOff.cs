using System.Security.Claims;
using System.Text.Json.Serialization;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Records;
using EventReview.Reviews;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Signatures;

public sealed record SignOff([property: JsonRequired] SignatureScope Scope, string Meaning);

public static class SignOffEndpoint
{
    public static ProblemDetails Validate(SignOff command) => Problems.FirstOf(Problems.CheckText(command.Meaning, "meaning", 500));

    /// <summary>A lead signs off a stage or the final included set, as it stands now.</summary>
    [WolverinePost("/api/reviews/{reviewId}/signatures"), Tags("Audit")]
    public static async Task<IResult> Post(Guid reviewId, SignOff command, ClaimsPrincipal user, IDocumentSession session, HttpContext http,
        CancellationToken ct)
    {
        var (stream, problem) = await ReviewAccess.WriteAsync(session, http, reviewId, user, ct, Role.Lead);
        if (problem is not null) return problem.ToResult();

        var records = await session.Query<RecordState>().Where(r => r.ReviewId == reviewId).ToListAsync(ct);
        var entries = SignedState.Entries(records, command.Scope);
        if (entries.Count == 0)
            return Problems.Rule("nothing-to-sign", "No record is decided in this scope yet; there is nothing to sign.").ToResult();
        var signature = new SignatureRecorded(reviewId, command.Scope, command.Meaning.Trim(),
            SignedState.Hash(reviewId, command.Scope, records), entries.Count, Actor.From(user));
        stream.AppendOne(signature);
        return Results.Ok(new { signature.Scope, signature.Meaning, signature.StateHash, signature.Records, signedBy = signature.By });
    }
}
