using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using EventReview.Audit;
using EventReview.Hosting;
using EventReview.Tests.Infrastructure;
using Npgsql;
using Shouldly;

namespace EventReview.Tests.Faults;

/// <summary>Its own database: the checks at the end read the whole sealed log, which no other test's events may disturb.</summary>
public class ConcurrentCheckpointsFixture : AppFixture;

/// <summary>
/// Checkpoints and sign-offs taken while votes and a bulk import commit out of sequence order must verify later: a
/// tree head covers only what is sealed, and a signature holds the records it signs still. 32 writers vote as the two
/// screeners on one review while a few thousand records are imported into it, and every 0.3 s the lead reads the
/// verification (keeping its checkpoint) and signs off title-abstract screening. Once everything is sealed, each kept
/// checkpoint must verify (the real CLI for the first, a middle and the last; in-process for all of them) and every
/// signature must be valid. CI: one round; EVENTREVIEW_FAULT_SCALE=full: 20 rounds on the same store.
/// </summary>
public class ConcurrentCheckpointTests(ConcurrentCheckpointsFixture app) : IClassFixture<ConcurrentCheckpointsFixture>
{
    private const int Writers = 32;
    private const int VotedRecords = 600;
    private const int ImportedRecords = 3_000;
    private static readonly TimeSpan MinimumRun = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan CheckpointEvery = TimeSpan.FromMilliseconds(300);

    private sealed record Round(int Votes, int VoteConflicts, List<string> Checkpoints, int SignOffs, int SignOffRefusals, int Verifications,
        List<string> NotIntact, TimeSpan Elapsed);

    [Fact]
    public async Task Checkpoints_and_sign_offs_taken_during_concurrent_votes_and_an_import_verify_once_everything_is_sealed()
    {
        var rounds = FaultScale.Full ? 20 : 1;
        using var deadline = new CancellationTokenSource(FaultScale.Full ? TimeSpan.FromMinutes(40) : TimeSpan.FromMinutes(3));
        var ct = deadline.Token;
        await using var db = NpgsqlDataSource.Create(app.ConnectionString);

        for (var round = 1; round <= rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            var review = await ReviewScenario.WithTeamAsync(app);
            var result = await RunRoundAsync(review, ct);
            var sealing = Stopwatch.StartNew();
            await AllSealedAsync(db, ct);
            var sealedAfter = sealing.Elapsed;
            result.Checkpoints.ShouldNotBeEmpty($"no verification during the round returned a checkpoint; findings: {string.Join(" | ", result.NotIntact.Distinct())}");

            var heads = result.Checkpoints.Select(TreeHead.Parse).ToList();
            var cliChecked = await VerifyWithCliAsync(result.Checkpoints, ct);
            var report = await LogAudit.RunAsync(db, SealKey.FromPem(SealKeyPem), AppFixture.CheckpointDirectoryFor(app.ConnectionString), heads, ct);
            report.Intact.ShouldBeTrue(JsonSerializer.Serialize(report.Findings, EventReviewJson.Options));

            var verification = await review.GetJsonAsync(review.Lead, "/verification");
            var signatures = verification.GetProperty("signatures").EnumerateArray().ToList();
            signatures.Where(s => !s.GetProperty("valid").GetBoolean()).Select(s => s.GetRawText()).ShouldBeEmpty();
            signatures.Count.ShouldBe(result.SignOffs);
            verification.GetProperty("intact").GetBoolean().ShouldBeTrue(verification.GetRawText());

            FaultScale.Report($"round {round}/{rounds}: {Writers} writers cast {result.Votes} votes ({result.VoteConflicts} concurrent-change 409s retried) " +
                $"beside an import of {ImportedRecords} records in {result.Elapsed.TotalSeconds:0.0} s; {result.Checkpoints.Count} checkpoints kept " +
                $"(sizes {heads[0].Size}..{heads[^1].Size}), {result.SignOffs} sign-offs accepted, {result.SignOffRefusals} refused; " +
                $"sealed {sealedAfter.TotalSeconds:0.0} s later; {cliChecked} checkpoints verified by the CLI and {heads.Count} in-process " +
                $"over {report.Events} events; {result.NotIntact.Count} of {result.Verifications} verifications during the round not intact; " +
                $"round took {clock.Elapsed.TotalSeconds:0.0} s");

            // Checked last so that a failure here still reports whether the checkpoints and signatures held.
            result.NotIntact.ShouldBeEmpty("GET /verification reported the log not intact while it was being written");
        }
    }

    private static string SealKeyPem => AppFixture.SealKeyPem;

    private static async Task<Round> RunRoundAsync(ReviewScenario review, CancellationToken ct)
    {
        var records = await review.RecordsAsync(VotedRecords);
        var bulkSearch = await review.SearchAsync("Embase", ImportedRecords);
        var bulkBody = ReviewScenario.Ris(ImportedRecords, "Embase");

        var unexpected = new ConcurrentBag<string>();
        var checkpoints = new List<string>();
        var notIntact = new List<string>();
        int votes = 0, conflicts = 0, signOffs = 0, refusals = 0, verifications = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var clock = Stopwatch.StartNew();

        var import = Task.Run(async () =>
        {
            var summary = await review.ImportAsync(bulkSearch, bulkBody);
            summary.RecordIds!.Count.ShouldBe(ImportedRecords);
        }, ct);

        // Writers 2k and 2k+1 take the same records, one as each screener, so the two votes on a record race each other.
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var screener = w % 2 == 0 ? review.S1 : review.S2;
            for (var i = w / 2; i < records.Count && !stop.IsCancellationRequested; i += Writers / 2)
            {
                var body = i % 5 == 0
                    ? new { stage = "title-abstract", decision = "exclude", reasonCode = "wrong-population" }
                    : (object)new { stage = "title-abstract", decision = "include", reasonCode = (string?)null };
                while (true)
                {
                    using var response = await review.SendAsync(screener, HttpMethod.Post, $"/records/{records[i]}/votes", body);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref votes);
                        break;
                    }
                    var text = await response.Content.ReadAsStringAsync(ct);
                    if (response.StatusCode == HttpStatusCode.Conflict && RuleOf(text) is null)
                    {
                        Interlocked.Increment(ref conflicts); // a concurrent change to the record: retry
                        continue;
                    }
                    unexpected.Add($"vote {(int)response.StatusCode}: {text}");
                    break;
                }
            }
        }, ct)).ToList();

        var checkpointLoop = Task.Run(async () =>
        {
            for (var n = 1; !stop.IsCancellationRequested; n++)
            {
                var verification = await review.GetJsonAsync(review.Lead, "/verification");
                verifications++;
                if (!verification.GetProperty("intact").GetBoolean()) notIntact.Add(verification.GetProperty("findings").GetRawText());
                if (verification.GetProperty("checkpoint") is { ValueKind: JsonValueKind.Object } checkpoint) checkpoints.Add(checkpoint.GetRawText());

                using var signed = await review.SendAsync(review.Lead, HttpMethod.Post, "/signatures",
                    new { scope = "title-abstract", meaning = "approval" });
                var text = await signed.Content.ReadAsStringAsync(ct);
                if (signed.StatusCode == HttpStatusCode.OK) signOffs++;
                else if (signed.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity
                    && (RuleOf(text) is null || (RuleOf(text) == "nothing-to-sign" && signOffs == 0))) refusals++;
                else unexpected.Add($"sign-off {(int)signed.StatusCode}: {text}");

                await Task.Delay(CheckpointEvery, ct);
            }
        }, ct);

        // The round lasts until the import is in and at least MinimumRun has passed; writers that run out of records stop early.
        await import;
        var left = MinimumRun - clock.Elapsed;
        if (left > TimeSpan.Zero) await Task.Delay(left, ct);
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        await checkpointLoop;
        var elapsed = clock.Elapsed;

        unexpected.ShouldBeEmpty();
        signOffs.ShouldBeGreaterThan(0, "no sign-off was accepted during the round");
        return new Round(votes, conflicts, checkpoints, signOffs, refusals, verifications, notIntact, elapsed);
    }

    private static string? RuleOf(string problem)
    {
        try
        {
            return JsonDocument.Parse(problem).RootElement.TryGetProperty("rule", out var rule) ? rule.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Waits until the sealer has sealed every committed event, so every checkpoint's tree is a prefix of the sealed log.</summary>
    private static async Task AllSealedAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        var schema = EventStoreSetup.Schema;
        var sql = $"select count(*) from {schema}.mt_events e where e.type <> 'tombstone' and not exists (select 1 from {schema}.sealed_leaves s where s.seq_id = e.seq_id)";
        var waited = Stopwatch.StartNew();
        long unsealed;
        while ((unsealed = await StoreChecks.ScalarAsync(db, sql)) > 0)
        {
            waited.Elapsed.ShouldBeLessThan(TimeSpan.FromMinutes(1), $"{unsealed} events still unsealed");
            await Task.Delay(200, ct);
        }
    }

    /// <summary>The real `eventreview verify --checkpoint` for the first, a middle and the last checkpoint; returns how many it checked.</summary>
    private async Task<int> VerifyWithCliAsync(List<string> checkpoints, CancellationToken ct)
    {
        var directory = Directory.CreateTempSubdirectory("eventreview-kept-checkpoints-");
        try
        {
            var chosen = new[] { 0, checkpoints.Count / 2, checkpoints.Count - 1 }.Distinct().ToList();
            foreach (var index in chosen)
            {
                var file = Path.Combine(directory.FullName, $"checkpoint-{index}.json");
                await File.WriteAllTextAsync(file, checkpoints[index], ct);
                var result = await CliProcess.RunAsync(CliProcess.For(app.ConnectionString), "verify", "--checkpoint", file);
                result.ExitCode.ShouldBe(0, $"checkpoint {index} ({checkpoints[index]}): {result.Stderr}\n{result.Stdout}");
            }
            return chosen.Count;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
