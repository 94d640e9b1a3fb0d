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

namespace EventReview.Labels;

/// <summary>A label to put on a record or take off it.</summary>
public sealed record LabelCommand(string Label)
{
    public const int MaxLabel = 200;
}

/// <summary>The labels the record carries after the change.</summary>
public sealed record RecordLabelsAnswer(Guid RecordId, IReadOnlyList<string> Labels);

/// <summary>
/// Labels are the team's own bookkeeping on a record ("check dose", "ask the author"), as Rayyan's labels and ASReview's
/// tags are: a lead or a screener puts one on or takes it off; they decide nothing, so blinding does not hide them.
/// </summary>
public static class LabelRecordEndpoint
{
    public static ProblemDetails Validate(LabelCommand command) =>
        Problems.FirstOf(Problems.CheckText(command.Label, "label", LabelCommand.MaxLabel));

    public static RuleOutcome Decide(Review review, RecordState record, LabelCommand command, Actor by)
    {
        if (MayNotLabel(review, by) is { } refused) return refused;
        var label = command.Label.Trim();
        return Carries(record, label) ? Refusal.Broken("label-already-on-record", $"The record already carries the label '{label}'.")
            : RuleOutcome.Append(new RecordLabelled(review.Id, record.Id, label, by));
    }

    public static RuleOutcome DecideRemoval(Review review, RecordState record, LabelCommand command, Actor by)
    {
        if (MayNotLabel(review, by) is { } refused) return refused;
        var label = command.Label.Trim();
        return !Carries(record, label) ? Refusal.Broken("label-not-on-record", $"The record does not carry the label '{label}'.")
            : RuleOutcome.Append(new RecordLabelRemoved(review.Id, record.Id, label, by));
    }

    private static Refusal? MayNotLabel(Review review, Actor by) =>
        review.Has(by.Id, Role.Lead) || review.Has(by.Id, Role.Screener) ? null : Refusal.Forbidden("Only a lead or a screener labels records.");

    private static bool Carries(RecordState record, string label) => record.Labels?.Contains(label, StringComparer.Ordinal) == true;

    [WolverinePost("/api/reviews/{reviewId}/records/{recordId}/labels", OperationId = "labelRecord", Summary = "Put a label on a record."), Tags("Records")]
    [ProducesResponseType<RecordLabelsAnswer>(200)]
    public static Task<IResult> Post(Guid reviewId, Guid recordId, LabelCommand command, ClaimsPrincipal user, IMessageBus bus,
        HttpContext http, CancellationToken ct) =>
        RecordCommand.ExecuteAsync(bus, http, reviewId, recordId, user, (review, record, by) => Decide(review, record, command, by),
            record => new RecordLabelsAnswer(recordId, record.Labels ?? []), ct);

    [WolverineDelete("/api/reviews/{reviewId}/records/{recordId}/labels", OperationId = "removeRecordLabel", Summary = "Take a label off a record."), Tags("Records")]
    [ProducesResponseType<RecordLabelsAnswer>(200)]
    public static Task<IResult> Delete(Guid reviewId, Guid recordId, LabelCommand command, ClaimsPrincipal user, IMessageBus bus,
        HttpContext http, CancellationToken ct) =>
        RecordCommand.ExecuteAsync(bus, http, reviewId, recordId, user, (review, record, by) => DecideRemoval(review, record, command, by),
            record => new RecordLabelsAnswer(recordId, record.Labels ?? []), ct);
}
