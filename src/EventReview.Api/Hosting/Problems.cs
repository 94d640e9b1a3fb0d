using EventReview.Rules;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Hosting;

/// <summary>The problem details every route answers with, so a client sees one shape for every refusal.</summary>
public static class Problems
{
    public static ProblemDetails Invalid(string detail) =>
        new() { Status = StatusCodes.Status400BadRequest, Title = "Invalid request", Detail = detail };

    /// <summary>A broken business rule: the request is well formed but conflicts with the current state.</summary>
    public static ProblemDetails Rule(string rule, string detail) =>
        new() { Status = StatusCodes.Status409Conflict, Title = "Rule violated: " + rule, Detail = detail, Extensions = { ["rule"] = rule } };

    public static ProblemDetails NotFound(string detail) =>
        new() { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = detail };

    public static ProblemDetails Forbidden(string detail) =>
        new() { Status = StatusCodes.Status403Forbidden, Title = "Forbidden", Detail = detail };

    public static ProblemDetails None => WolverineContinue.NoProblems;

    /// <summary>A decision's refusal as the answer a client sees.</summary>
    public static ProblemDetails ToProblem(this Refusal refusal) => refusal.Kind switch
    {
        RefusalKind.Forbidden => Forbidden(refusal.Detail),
        RefusalKind.NotFound => NotFound(refusal.Detail),
        RefusalKind.Conflict => Rule(refusal.Rule!, refusal.Detail),
        _ => Invalid(refusal.Detail),
    };

    public static IResult ToResult(this Refusal refusal) => refusal.ToProblem().ToResult();

    public static IResult ToResult(this ProblemDetails problem) =>
        Results.Problem(problem.Detail, statusCode: problem.Status, title: problem.Title, extensions: problem.Extensions);

    /// <summary>Checks a text field: required or not, and no longer than the limit.</summary>
    public static ProblemDetails? CheckText(string? value, string field, int maxLength, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
            return required ? Invalid($"'{field}' is required.") : null;
        return value.Length > maxLength ? Invalid($"'{field}' is longer than {maxLength} characters.") : null;
    }

    /// <summary>The optional free-text note most commands on a record carry.</summary>
    public static ProblemDetails OptionalNote(string? note) => FirstOf(CheckText(note, "note", Records.RecordCommand.MaxNote, required: false));

    /// <summary>The first problem among several checks, or none.</summary>
    public static ProblemDetails FirstOf(params ProblemDetails?[] checks) => checks.FirstOrDefault(p => p is not null) ?? None;
}
