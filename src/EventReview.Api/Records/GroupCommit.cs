using System.Diagnostics;
using System.Threading.Channels;
using EventReview.Observability;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EventReview.Records;

/// <summary>
/// Commits the commands of concurrent requests together: each writer takes the commands waiting (at most
/// <see cref="MaxCommands"/>, each on a different record), runs them one after another on one session, and commits
/// them in one transaction. A vote alone is one transaction with three round trips and a seal; most of what PostgreSQL
/// spends on it is that, not the rows (docs/benchmarks-history.md, run 16), so a group shares it.
/// A group is all or nothing. When anything fails (a concurrent change to a stream, two commands touching one stream, an
/// exception), nothing of it is committed and each command runs again alone through <see cref="DecideOnRecordHandler"/>,
/// with its retries, exactly as without grouping.
/// </summary>
public sealed class GroupCommit(IDocumentStore store, ILogger<GroupCommit> logger) : BackgroundService
{
    /// <summary>Two writers: one reads and decides while the other commits.</summary>
    public const int Writers = 2;

    public const int MaxCommands = 16;

    private sealed record Command(Guid RecordId, Func<IDocumentSession, CancellationToken, Task<RecordAnswer>> Run, Activity? Activity)
    {
        public TaskCompletionSource<RecordAnswer?> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class StreamsOverlap() : Exception("Two commands of one group touched the same stream.");

    private readonly Channel<Command> _waiting = Channel.CreateUnbounded<Command>();

    /// <summary>The command's answer once its group has committed, or null when it must run alone.</summary>
    public Task<RecordAnswer?> RunAsync(Guid recordId, Func<IDocumentSession, CancellationToken, Task<RecordAnswer>> run)
    {
        var command = new Command(recordId, run, Activity.Current);
        return _waiting.Writer.TryWrite(command) ? command.Answer.Task : Task.FromResult<RecordAnswer?>(null);
    }

    /// <summary>The commands already waiting are still committed; those sent from now on run alone.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _waiting.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
        // Stopped before the writers ever ran: nothing would answer these.
        SendTheRestAlone();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => WriteAsync(stoppingToken)));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            SendTheRestAlone();
        }
    }

    /// <summary>Commands sent from now on, and any still waiting, run alone.</summary>
    private void SendTheRestAlone()
    {
        _waiting.Writer.TryComplete();
        while (_waiting.Reader.TryRead(out var left)) left.Answer.TrySetResult(null);
    }

    private async Task WriteAsync(CancellationToken stoppingToken)
    {
        while (await _waiting.Reader.WaitToReadAsync(stoppingToken))
        {
            var group = Take();
            if (group.Count == 0) continue;
            try
            {
                var answers = await CommitAsync(group);
                for (var i = 0; i < group.Count; i++) group[i].Answer.TrySetResult(answers[i]);
            }
            catch (Exception e)
            {
                // Expected now and then (two screeners on one record); each command's own run reports anything real.
                if (logger.IsEnabled(LogLevel.Debug)) logger.LogDebug(e, "A group of {Commands} commands was not committed; each runs alone", group.Count);
                foreach (var command in group) command.Answer.TrySetResult(null);
            }
        }
    }

    /// <summary>
    /// The commands waiting, up to the first that names a record already in the group, in record id order: an append
    /// locks its stream's row until the commit, so two writers whose groups share two records lock them in the same
    /// order, and the later waits and then fails on the version (and its commands run alone) instead of deadlocking.
    /// </summary>
    private List<Command> Take()
    {
        var group = new List<Command>();
        var records = new HashSet<Guid>();
        while (group.Count < MaxCommands && _waiting.Reader.TryPeek(out var next) && records.Add(next.RecordId) && _waiting.Reader.TryRead(out next))
            group.Add(next);
        return [.. group.OrderBy(c => c.RecordId)];
    }

    private async Task<List<RecordAnswer>> CommitAsync(List<Command> group)
    {
        var answers = new List<RecordAnswer>(group.Count);
        // The session and its connection, like the commit, are traced under the group's first request.
        Activity.Current = group[0].Activity;
        await using var session = store.LightweightSession();
        var written = new HashSet<Guid>();
        foreach (var command in group)
        {
            // The command's reads and decision belong to its request's trace.
            Activity.Current = command.Activity;
            var before = session.PendingChanges.Streams().Select(s => (Stream: s, s.Events.Count)).ToList();
            answers.Add(await command.Run(session, CancellationToken.None));
            // The streams this command appended to, whether Marten handed it a stream already pending or a new one with the
            // same id. If an earlier command of the group wrote one of them too, neither append would check the other's
            // version, so the group does not commit.
            var appended = session.PendingChanges.Streams()
                .Where(s => !before.Any(b => ReferenceEquals(b.Stream, s) && b.Count == s.Events.Count)).Select(s => s.Id).ToList();
            if (appended.Any(id => !written.Add(id))) throw new StreamsOverlap();
        }
        // The commit belongs to every command of the group: traced under the first request, linked to the others.
        Activity.Current = group[0].Activity;
        using var commit = TelemetrySetup.Spans.StartActivity("group commit", ActivityKind.Internal, group[0].Activity?.Context ?? default,
            links: group.Skip(1).Where(c => c.Activity is not null).Select(c => new ActivityLink(c.Activity!.Context)));
        commit?.SetTag("eventreview.commands", group.Count);
        await session.SaveChangesAsync(CancellationToken.None);
        return answers;
    }
}
