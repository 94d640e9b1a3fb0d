using EventReview.Hosting;
using EventReview.Identity;
using EventReview.Reviews;
using EventReview.Rules;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EventReview.Records;

/// <summary>
/// A command on one record, run through Wolverine's handler pipeline so that its retry policy applies: two
/// commands that do not contradict each other (two screeners voting on one record at the same moment) can both
/// read version n, and the one that commits second fails on the version it expected; it is then run again from its
/// read, and only a decision that refuses it on the newer state reaches the client as a 409.
/// </summary>
public sealed record DecideOnRecord(Guid RecordId, Func<IDocumentSession, CancellationToken, Task<RecordAnswer>> Run);

public static class DecideOnRecordHandler
{
    public static Task<RecordAnswer> Handle(DecideOnRecord command, IDocumentSession session, CancellationToken ct) => command.Run(session, ct);
}

/// <summary>What a command on a record decided on, for its answer.</summary>
public sealed record RecordDecided<TContext>(Review Review, RecordState Record, TContext Context, RuleOutcome Outcome, Actor By);

/// <summary>The answer to a command on a record: a refusal, or the JSON body sent with its status.</summary>
public sealed record RecordAnswer(ProblemDetails? Problem, int Status, string? Body)
{
    public static RecordAnswer Refused(ProblemDetails problem) => new(problem, problem.Status ?? 400, null);

    public IResult ToResult() => Problem?.ToResult() ?? Results.Text(Body, "application/json", statusCode: Status);
}
