namespace EventReview.Appraisal;

/// <summary>
/// Invalid appraisal input: ratings that do not fit the instrument, or a custom instrument or scoring rule that
/// does not hold together. The message is every problem on one line; the API returns it as a 400.
/// </summary>
public sealed class AppraisalValidationException : Exception
{
    public AppraisalValidationException()
        : this(["invalid appraisal input"])
    {
    }

    public AppraisalValidationException(string message)
        : this([message])
    {
    }

    public AppraisalValidationException(string message, Exception innerException)
        : base(message, innerException) => Errors = [message];

    public AppraisalValidationException(IReadOnlyList<string> errors)
        : base(string.Join("; ", errors)) => Errors = errors;

    public IReadOnlyList<string> Errors { get; }
}
