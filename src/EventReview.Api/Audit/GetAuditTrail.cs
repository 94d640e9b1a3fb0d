using System.Globalization;
using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Records;
using EventReview.Reviews;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Audit;

public sealed record AuditPage(int Total, int Page, int PageSize, IReadOnlyList<AuditRow> Rows);

public static class GetAuditTrailEndpoint
{
    public const int MaxPageSize = 5_000;

    /// <summary>The review's audit trail, filtered by actor, time, record and event type; JSON pages or a CSV file.</summary>
    [WolverineGet("/api/reviews/{reviewId}/audit", OperationId = "getAuditTrail", Summary = "The review's audit trail, a page at a time, or all of it as CSV."), Tags("Audit")]
    [ProducesResponseType<AuditPage>(200)]
    [ProducesResponseType<string>(200, "text/csv")]
    [ProducesResponseType<ProblemDetails>(403, "application/problem+json")]
    public static async Task<IResult> Get(Guid reviewId, string? actor, DateTimeOffset? from, DateTimeOffset? to, Guid? record, string? type,
        int? page, int? pageSize, string? format, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var (_, problem) = await ReviewAccess.LoadAsync(session, reviewId, user, ct, Role.Lead, Role.Auditor);
        if (problem is not null) return problem.ToResult();
        if (format is not (null or "json" or "csv")) return Problems.Invalid("'format' is json or csv.").ToResult();

        var events = await ReviewEventQuery.LoadAsync(session, reviewId, ct, record: record);

        // Narrated in full order so a revision always knows the vote it replaced, then filtered.
        var narrator = new AuditNarrator();
        var rows = events.Select(narrator.Narrate)
            .Where(r => (actor is null || r.ActorId == actor) && (from is null || r.At >= from) && (to is null || r.At <= to)
                && (type is null || r.Event == type))
            .ToList();

        if (format == "csv") return Results.Text(Csv(rows), "text/csv; charset=utf-8");
        var size = Math.Clamp(pageSize ?? 500, 1, MaxPageSize);
        var number = Math.Max(page ?? 1, 1);
        var skip = (int)Math.Min((number - 1L) * size, int.MaxValue);
        return Results.Ok(new AuditPage(rows.Count, number, size, rows.Skip(skip).Take(size).ToList()));
    }

    private static string Csv(IEnumerable<AuditRow> rows)
    {
        var csv = new System.Text.StringBuilder("sequence,when,who,who_id,event,record_or_stream,what,why,previous,correlation_id\n");
        foreach (var r in rows)
            csv.AppendJoin(',', CsvCell.Number(r.Sequence), CsvCell.Text(r.At.ToString("O", CultureInfo.InvariantCulture)),
                CsvCell.Text(r.ActorName), CsvCell.Text(r.ActorId), CsvCell.Text(r.Event), CsvCell.Text(r.StreamId.ToString("D")),
                CsvCell.Text(r.What), CsvCell.Text(r.Why), CsvCell.Text(r.Previous), CsvCell.Text(r.CorrelationId)).Append('\n');
        return csv.ToString();
    }
}
