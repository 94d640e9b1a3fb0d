using EventReview.Identity;

namespace EventReview.Reviews;

/// <summary>Every event belongs to one review and names who caused it.</summary>
public interface IReviewEvent
{
    Guid ReviewId { get; }
    Actor By { get; }
}

/// <summary>An event on one record's stream.</summary>
public interface IRecordEvent : IReviewEvent
{
    Guid RecordId { get; }
}
