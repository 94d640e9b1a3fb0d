namespace EventReview.Agreement;

/// <summary>One rater's label for one item (long format). A missing rating is simply an absent row.</summary>
public sealed record Rating(string Item, string Rater, string Label);

/// <summary>Invalid agreement input; the message is one line, fit for a CLI's stderr or a 400 problem detail.</summary>
public sealed class AgreementInputException : Exception
{
    public AgreementInputException()
        : base("Invalid agreement input.")
    {
    }

    public AgreementInputException(string message)
        : base(message)
    {
    }

    public AgreementInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
