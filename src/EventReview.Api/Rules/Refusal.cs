namespace EventReview.Rules;

public enum RefusalKind { Invalid, Forbidden, NotFound, Conflict }

/// <summary>
/// Why a decision refuses a command, in the domain's own terms. Decisions stay free of HTTP; the edge maps a refusal to
/// problem details (<see cref="Hosting.Problems.ToProblem"/>), and the seed loader and imports report it as it is.
/// </summary>
public sealed record Refusal(RefusalKind Kind, string Detail, string? Rule = null)
{
    public static Refusal Invalid(string detail) => new(RefusalKind.Invalid, detail);

    public static Refusal Forbidden(string detail) => new(RefusalKind.Forbidden, detail);

    public static Refusal NotFound(string detail) => new(RefusalKind.NotFound, detail);

    /// <summary>A broken business rule: the command is well formed but conflicts with the current state.</summary>
    public static Refusal Broken(string rule, string detail) => new(RefusalKind.Conflict, detail, rule);

    public override string ToString() => Rule is null ? $"{Kind}: {Detail}" : $"{Rule}: {Detail}";
}
