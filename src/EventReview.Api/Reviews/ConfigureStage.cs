using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Identity;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Reviews;

public sealed record ConfigureStage(int ReviewersPerRecord, bool? Blinded, bool? ReasonRequiredOnExclude);

public static class ConfigureStageEndpoint
{
    public const int MaxReviewersPerRecord = 5;

    public static ProblemDetails Validate(ConfigureStage command) =>
        command.ReviewersPerRecord is < 1 or > MaxReviewersPerRecord
            ? Problems.Invalid($"'reviewersPerRecord' must be between 1 and {MaxReviewersPerRecord}.")
            : Problems.None;

    [WolverinePut("/api/reviews/{reviewId}/stages/{stage}"), Tags("Reviews")]
    public static async Task<IResult> Put(Guid reviewId, string stage, ConfigureStage command, ClaimsPrincipal user,
        IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        if (!StageNames.TryParse(stage, out var parsed)) return Problems.Invalid($"Unknown stage '{stage}'.").ToResult();

        var (stream, problem) = await ReviewAccess.WriteAsync(session, http, reviewId, user, ct, Role.Lead);
        if (problem is not null) return problem.ToResult();

        var current = stream.Aggregate!.Settings(parsed);
        // Full-text exclusions always need a reason (PRISMA reports them by reason).
        var reasonRequired = parsed == Stage.FullText || (command.ReasonRequiredOnExclude ?? current.ReasonRequiredOnExclude);
        var e = new StageConfigured(reviewId, parsed, command.ReviewersPerRecord, command.Blinded ?? current.Blinded, reasonRequired, Actor.From(user));
        stream.AppendOne(e);
        return Results.Ok(new StageSettings(e.Stage, e.ReviewersPerRecord, e.Blinded, e.ReasonRequiredOnExclude));
    }
}

public static class StageNames
{
    public static bool TryParse(string? value, out Stage stage)
    {
        (var ok, stage) = value switch
        {
            "title-abstract" => (true, Stage.TitleAbstract),
            "full-text" => (true, Stage.FullText),
            _ => (false, default),
        };
        return ok;
    }

    public static string Name(this Stage stage) => stage == Stage.TitleAbstract ? "title-abstract" : "full-text";
}
