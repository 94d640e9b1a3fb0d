using System.Security.Claims;
using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Records;
using EventReview.Reviews;
using EventReview.Rules;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace EventReview.Screening;

/// <summary>Links a record as a report of a study (named by its primary record), so PRISMA counts studies and reports apart.</summary>
public sealed record LinkReportToStudy(Guid StudyId, string? Note);

public static class LinkReportToStudyEndpoint
{
    public static ProblemDetails Validate(LinkReportToStudy command) =>
        Problems.OptionalNote(command.Note);

    public static RuleOutcome Decide(Review review, RecordState record, RecordState? study, LinkReportToStudy command, Actor by)
    {
        if (!review.Has(by.Id, Role.Lead)) return Refusal.Forbidden("Only a lead links reports to studies.");
        if (study is null || study.ReviewId != review.Id) return Refusal.NotFound("The study's primary record is not in this review.");
        // Linking a record to itself makes it a study's primary record again, whatever study it reported before.
        if (study.Id != record.Id && study.StudyId is { } primary && primary != study.Id)
            return Refusal.Broken("study-is-a-report", $"That record is itself a report of study {primary}; link to the primary record.");
        if (ScreeningRules.NotScreenable(record) is { } problem) return problem;
        return RuleOutcome.Append(new ReportLinkedToStudy(review.Id, record.Id, study.Id, command.Note, by));
    }

    [WolverinePost("/api/reviews/{reviewId}/records/{recordId}/study"), Tags("Screening")]
    public static Task<IResult> Post(Guid reviewId, Guid recordId, LinkReportToStudy command, ClaimsPrincipal user,
        IMessageBus bus, HttpContext http, CancellationToken ct) =>
        RecordCommand.ExecuteAsync(bus, http, reviewId, recordId, user,
            batch => batch.Load<RecordState>(command.StudyId),
            (review, record, study, by) => Decide(review, record, study, command, by),
            decided => new { recordId, studyId = decided.Record.StudyId ?? decided.Record.Id }, ct);
}
