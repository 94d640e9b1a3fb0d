namespace EventReview.Audit;

/// <summary>What this process's sealer last did, for /health/ready and the log: its refusal, if it refused.</summary>
public sealed class SealStatus
{
    private volatile string? _refusal;

    public DateTimeOffset? LastSealedAt { get; private set; }

    public string? Refusal => _refusal;

    public void Sealed(DateTimeOffset at) => LastSealedAt = at;

    public void Refused(string why) => _refusal = why;

    /// <summary>True while this process seals (it ran a page within the last minute), so it alone signs tree heads.</summary>
    public bool IsActive(DateTimeOffset now) => LastSealedAt is { } at && now - at < TimeSpan.FromMinutes(1) && _refusal is null;
}
