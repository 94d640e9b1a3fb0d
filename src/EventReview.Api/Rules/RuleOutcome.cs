namespace EventReview.Rules;

/// <summary>What a decision function returns: the events to append, or the refusal of the command.</summary>
public sealed record RuleOutcome(Refusal? Refused, IReadOnlyList<object> Events)
{
    public static RuleOutcome Append(params object[] events) => new(null, events);

    public static implicit operator RuleOutcome(Refusal refusal) => new(refusal, []);
}
