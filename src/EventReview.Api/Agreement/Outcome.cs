namespace EventReview.Agreement;

/// <summary>A computed statistic, or null when it is undefined for the data; <see cref="Notes"/> say why.</summary>
public sealed record Outcome<T>(T? Result, IReadOnlyList<string> Notes)
    where T : class;

/// <summary>Shorthands for building an <see cref="Outcome{T}"/>.</summary>
public static class Outcome
{
    public static Outcome<T> Of<T>(T result, params string[] notes)
        where T : class => new(result, notes);

    public static Outcome<T> Undefined<T>(string why)
        where T : class => new(null, [why]);
}
