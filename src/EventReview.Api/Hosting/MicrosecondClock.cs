namespace EventReview.Hosting;

/// <summary>
/// The server clock at PostgreSQL's precision (microseconds). Event timestamps are taken from it, so inline
/// projections, the hash chain and a later rebuild all see exactly the value that is stored.
/// </summary>
public sealed class MicrosecondClock : TimeProvider
{
    public override DateTimeOffset GetUtcNow()
    {
        var now = base.GetUtcNow();
        return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMicrosecond, TimeSpan.Zero);
    }
}
