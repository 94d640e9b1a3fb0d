using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Records;
using EventReview.Reviews;
using EventReview.Rules;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace EventReview.Screening;

/// <summary>Links a record as a report of a study (named by its primary record), so PRISMA counts studies and reports apart.</summary>
public sealed record StudyLinkAnswer(Guid RecordId, Guid StudyId);

public sealed record LinkReportToStudy(Guid StudyId, string? Note);

public static class LinkReportToStudyEndpoint
{
    public static ProblemDetails Validate(LinkReportToStudy command) =>
        Problems.OptionalNote(command.Note);

    /// <summary>
    /// Links <paramref name="record"/> as a report of <paramref name="study"/>'s study, or makes it a primary record again
    /// when it names itself. Links never chain: the study must be a primary record, and a primary record with reports
    /// does not become a report. The study's record, and the study the record leaves (<paramref name="previousStudy"/>),
    /// note the change, so their streams take part in the command's concurrency check.
    /// </summary>
    public static RuleOutcome Decide(Review review, RecordState record, RecordState? study, RecordState? previousStudy, LinkReportToStudy command,
        Actor by)
    {
        if (!review.Has(by.Id, Role.Lead)) return Refusal.Forbidden("Only a lead links reports to studies.");
        if (study is null || study.ReviewId != review.Id) return Refusal.NotFound("The study's primary record is not in this review.");
        var becomesReport = study.Id != record.Id;
        // Linking a record to itself makes it a study's primary record again, whatever study it reported before.
        if (becomesReport && study.StudyId is { } primary && primary != study.Id)
            return Refusal.Broken("study-is-a-report", $"That record is itself a report of study {primary}; link to the primary record.");
        if (becomesReport && record.Reports is { Count: > 0 } reports)
            return Refusal.Broken("record-has-reports",
                $"This record is the primary record of a study with {reports.Count} linked report(s); link those reports elsewhere first, "
                + "or link the other record to this study instead.");
        if (ScreeningRules.NotScreenable(record) is { } problem) return problem;

        var events = new List<object> { new ReportLinkedToStudy(review.Id, record.Id, study.Id, command.Note, by) };
        if (previousStudy is not null && previousStudy.Id != study.Id && previousStudy.Reports?.Contains(record.Id) == true)
            events.Add(new StudyReportUnlinked(review.Id, previousStudy.Id, record.Id, by));
        if (becomesReport && study.Reports?.Contains(record.Id) != true)
            events.Add(new StudyReportLinked(review.Id, study.Id, record.Id, by));
        return RuleOutcome.Append([.. events]);
    }

    [WolverinePost("/api/reviews/{reviewId}/records/{recordId}/study", OperationId = "linkReportToStudy", Summary = "Link a report to the study it describes, or unlink it."), Tags("Screening")]
    [ProducesResponseType<StudyLinkAnswer>(200)]
    public static Task<IResult> Post(Guid reviewId, Guid recordId, LinkReportToStudy command, ClaimsPrincipal user,
        IMessageBus bus, HttpContext http, CancellationToken ct) =>
        RecordCommand.ExecuteAsync(bus, http, reviewId, recordId, user,
            record => [command.StudyId, record.StudyId],
            (review, record, others, by) =>
                Decide(review, record, command.StudyId == recordId ? record : others.Of(command.StudyId), others.Of(record.StudyId), command, by),
            record => new StudyLinkAnswer(recordId, record.StudyId ?? record.Id), ct);
}
