using EventReview.Hosting;
using EventReview.Screening;
using JasperFx.Events;
using Microsoft.AspNetCore.Mvc;

namespace EventReview.Records;

/// <summary>
/// The clock of an imported review's history: the time another tool recorded each decision (`sourceTime`), beside
/// the server's time of the import. An event the source did not time (the record's import, a retrieval that came with
/// a stage move) takes the time of the event before it, so a record the source had is there from the start.
/// </summary>
public static class SourceClock
{
    public static DateTimeOffset? TimeOf(object data) => data switch
    {
        ScreeningVoteCast v => v.SourceTime,
        ScreeningDecided d => d.SourceTime,
        Labels.RecordLabelled l => l.SourceTime,
        Labels.RecordLabelRemoved l => l.SourceTime,
        _ => null,
    };

    public static ProblemDetails? Check(string? clock) => clock is null or "server" or "source" ? null
        : Problems.Invalid($"Unknown clock '{clock}'; use server or source.");

    public static bool IsSource(string? clock) => clock == "source";

    /// <summary>One stream's events (in order) up to <paramref name="asOf"/> by the chosen clock.</summary>
    public static IEnumerable<IEvent> Until(IEnumerable<IEvent> stream, DateTimeOffset? asOf, bool sourceClock)
    {
        if (asOf is null) return stream;
        if (!sourceClock) return stream.Where(e => e.Timestamp <= asOf);
        DateTimeOffset? last = null;
        return stream.Where(e => (last = TimeOf(e.Data) ?? last) is not { } at || at <= asOf);
    }
}
