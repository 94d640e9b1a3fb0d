using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Rules;
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

    public static RuleOutcome Decide(Review review, Stage stage, ConfigureStage command, Actor by)
    {
        if (ReviewAccess.Refuse(review, by.Id, Role.Lead) is { } denied) return denied;
        var current = review.Settings(stage);
        // Full-text exclusions always need a reason (PRISMA reports them by reason).
        var reasonRequired = stage == Stage.FullText || (command.ReasonRequiredOnExclude ?? current.ReasonRequiredOnExclude);
        return RuleOutcome.Append(new StageConfigured(review.Id, stage, command.ReviewersPerRecord, command.Blinded ?? current.Blinded,
            reasonRequired, by));
    }

    [WolverinePut("/api/reviews/{reviewId}/stages/{stage}", OperationId = "configureStage", Summary = "Set a stage's reviewers per record and blinding."), Tags("Reviews")]
    [ProducesResponseType<StageSettings>(200)]
    public static Task<IResult> Put(Guid reviewId, string stage, ConfigureStage command, ClaimsPrincipal user,
        IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        if (!StageNames.TryParse(stage, out var parsed)) return Task.FromResult(Problems.Invalid(StageNames.Unknown(stage)).ToResult());
        return ReviewCommand.ExecuteAsync(session, http, reviewId, user,
            (review, by) => Decide(review, parsed, command, by),
            review => Results.Ok(review.Settings(parsed)), ct);
    }
}

public static class StageNames
{
    public static bool TryParse(string? value, out Stage stage)
    {
        stage = Enum.GetValues<Stage>().FirstOrDefault(s => s.Name() == value);
        return stage.Name() == value;
    }

    public static string Name(this Stage stage) => EventReviewJson.Name(stage);

    /// <summary>The refusal of a stage name that is not one, listing the names there are.</summary>
    public static string Unknown(string? value) =>
        $"Unknown stage '{value}'; one of: {string.Join(", ", Enum.GetValues<Stage>().Select(s => s.Name()))}.";
}
