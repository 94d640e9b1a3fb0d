using EventReview.Searches;
using JasperFx.Events;

namespace EventReview.Reviews;

/// <summary>The review projection as a plain fold over events (see RecordFold).</summary>
public static class ReviewFold
{
    public static Review? Apply(Review? state, IEvent e) => e.Data switch
    {
        ReviewCreated x => Review.Create(x),
        _ when state is null => null,
        ProtocolRevised x => state.Apply(x),
        MemberRolesSet x => state.Apply(x),
        StageConfigured x => state.Apply(x),
        ExclusionReasonAdded x => state.Apply(x),
        SearchRecorded x => state.Apply(x),
        Prisma.ReportedFlowRecorded x => state.Apply(x),
        _ => state,
    } is { } next ? next with { Version = e.Version } : null;
}
