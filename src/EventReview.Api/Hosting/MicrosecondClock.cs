namespace EventReview.Hosting;

/// <summary>
/// The server clock at PostgreSQL's precision (microseconds). Event timestamps are taken from it, so inline
/// projections, the hash chain and a later rebuild all see exactly the value that is stored. Replaying an exported
/// log is the one place that sets the time: the events keep the times they were first recorded at.
/// </summary>
public sealed class MicrosecondClock : TimeProvider
{
    private static readonly AsyncLocal<DateTimeOffset?> Replayed = new();

    public override DateTimeOffset GetUtcNow()
    {
        var now = Replayed.Value ?? base.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMicrosecond, TimeSpan.Zero);
    }

    /// <summary>Within the returned scope, events appended on this flow are stamped with <paramref name="recordedAt"/>.</summary>
    public static IDisposable Replay(DateTimeOffset recordedAt)
    {
        var scope = new Scope(Replayed.Value);
        Replayed.Value = recordedAt;
        return scope;
    }

    /// <summary>Restores the time that was replayed before, so scopes nest.</summary>
    private sealed class Scope(DateTimeOffset? previous) : IDisposable
    {
        public void Dispose() => Replayed.Value = previous;
    }
}
