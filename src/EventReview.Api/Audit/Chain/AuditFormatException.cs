namespace EventReview.Audit;

/// <summary>Invalid input to the tamper-evidence code; the message is one line meant for the user.</summary>
public sealed class AuditFormatException : Exception
{
    public AuditFormatException(string message) : base(message) { }

    public AuditFormatException(string message, Exception inner) : base(message, inner) { }

    public AuditFormatException() : base("Invalid audit log input.") { }
}
