using Microsoft.AspNetCore.Mvc;

namespace EventReview.Screening;

/// <summary>What a rule check decides: the events to append, or the problem that refuses the command.</summary>
public sealed record RuleOutcome(ProblemDetails? Problem, IReadOnlyList<object> Events)
{
    public static RuleOutcome Refuse(ProblemDetails problem) => new(problem, []);

    public static RuleOutcome Append(params object[] events) => new(null, events);

    public static implicit operator RuleOutcome(ProblemDetails problem) => Refuse(problem);
}
