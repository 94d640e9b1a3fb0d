using System.Security.Cryptography;
using System.Text.Json;
using EventReview.Audit;
using EventReview.Hosting;
using EventReview.Tests.Infrastructure;
using Npgsql;
using Shouldly;

namespace EventReview.Tests.AuditTrail;

/// <summary>
/// Each test alters a copy of a sealed, populated database as someone with database access could, then runs the real
/// `eventreview verify` against the copy: exit 3 and a first finding that names what was done and where.
/// </summary>
public class SealedLogTamperTests(SealedLogFixture log) : IClassFixture<SealedLogFixture>
{
    private const string S = EventStoreSetup.Schema;

    [Fact]
    public async Task An_untouched_copy_verifies_intact_with_and_without_projections()
    {
        var copy = await log.CopyAsync();

        var plain = await VerifyAsync(copy);
        var withProjections = await VerifyAsync(copy, "--projections");

        plain.Exit.ShouldBe(0, plain.Stderr + plain.Stdout);
        plain.Report.GetProperty("intact").GetBoolean().ShouldBeTrue();
        plain.Report.GetProperty("unsealed").GetInt64().ShouldBe(0);
        plain.Report.GetProperty("treeHeadsChecked").GetInt32().ShouldBeGreaterThan(0);
        plain.Report.GetProperty("checkpointFilesChecked").GetInt32().ShouldBeGreaterThan(0);
        withProjections.Exit.ShouldBe(0, withProjections.Stderr + withProjections.Stdout);
    }

    [Fact]
    public async Task A_deleted_record_stream_is_found_at_its_first_sealed_event()
    {
        var copy = await log.CopyAsync();
        var stream = log.Records[0];
        var first = await ScalarAsync(copy, $"select min(seq_id) from {S}.mt_events where stream_id = '{stream}'");
        await ExecuteAsync(copy, $"""
            delete from {S}.mt_events where stream_id = '{stream}';
            delete from {S}.mt_streams where id = '{stream}';
            delete from {S}.mt_doc_chainlink where id like '{stream}:%';
            """);

        var result = await VerifyAsync(copy);

        result.ShouldFindFirst("seal", sequence: first);
    }

    [Fact]
    public async Task A_deleted_last_event_of_a_stream_is_found_at_its_sequence()
    {
        var copy = await log.CopyAsync();
        var stream = log.Records[0];
        var last = await ScalarAsync(copy, $"select max(seq_id) from {S}.mt_events where stream_id = '{stream}'");
        await DeleteEventAsync(copy, last);

        var result = await VerifyAsync(copy);

        result.ShouldFindFirst("seal", sequence: last);
    }

    [Fact]
    public async Task A_deleted_last_event_hidden_by_a_lowered_stream_version_is_found_at_its_sequence()
    {
        var copy = await log.CopyAsync();
        var stream = log.Records[0];
        var last = await ScalarAsync(copy, $"select max(seq_id) from {S}.mt_events where stream_id = '{stream}'");
        await DeleteEventAsync(copy, last);
        await ExecuteAsync(copy, $"update {S}.mt_streams set version = version - 1 where id = '{stream}'");

        var result = await VerifyAsync(copy);

        result.ShouldFindFirst("seal", sequence: last);
    }

    [Fact]
    public async Task Two_events_of_different_streams_swapped_in_sequence_are_found_at_the_earlier()
    {
        var copy = await log.CopyAsync();
        // The last event of a first-review record and the first event of the second review: each stream keeps its own
        // order after the swap, so only the seals (whose leaves hash the sequence) can tell.
        var earlier = await ScalarAsync(copy, $"select max(seq_id) from {S}.mt_events where stream_id = '{log.Records[0]}'");
        var later = await ScalarAsync(copy, $"select min(seq_id) from {S}.mt_events where stream_id = '{log.SecondReview}'");
        earlier.ShouldBeLessThan(later);
        await ExecuteAsync(copy, $"""
            update {S}.mt_events set seq_id = -1 where seq_id = {earlier};
            update {S}.mt_events set seq_id = {earlier} where seq_id = {later};
            update {S}.mt_events set seq_id = {later} where seq_id = -1;
            """);

        var result = await VerifyAsync(copy);

        result.ShouldFindFirst("seal", sequence: earlier);
    }

    [Fact]
    public async Task An_archived_vote_is_found_at_the_vote()
    {
        var copy = await log.CopyAsync();
        var vote = await SequenceOfAsync(copy, log.Records[0], version: 2);
        await ExecuteAsync(copy, $"update {S}.mt_events set is_archived = true where seq_id = {vote}");

        var result = await VerifyAsync(copy);

        result.ShouldFindFirst("chain", sequence: vote, stream: log.Records[0]);
    }

    [Fact]
    public async Task Edited_headers_are_found_at_the_event()
    {
        var copy = await log.CopyAsync();
        var vote = await SequenceOfAsync(copy, log.Records[0], version: 2);
        await ExecuteAsync(copy, $$"""update {{S}}.mt_events set headers = '{"source":"migration"}'::jsonb where seq_id = {{vote}}""");

        var result = await VerifyAsync(copy);

        result.ShouldFindFirst("chain", sequence: vote, stream: log.Records[0]);
    }

    [Fact]
    public async Task An_edited_causation_id_is_found_at_the_event()
    {
        var copy = await log.CopyAsync();
        var vote = await SequenceOfAsync(copy, log.Records[0], version: 3);
        await ExecuteAsync(copy, $"update {S}.mt_events set causation_id = 'forged-cause' where seq_id = {vote}");

        var result = await VerifyAsync(copy);

        result.ShouldFindFirst("chain", sequence: vote, stream: log.Records[0]);
    }

    [Fact]
    public async Task A_truncated_tail_with_its_seals_and_tree_heads_is_found_through_the_checkpoint_file()
    {
        var copy = await log.CopyAsync();
        var (cutoff, remaining) = await TruncateTailAsync(copy, deleteTreeHeads: true);
        cutoff.ShouldBeGreaterThan(1);
        (await ScalarAsync(copy, $"select count(*) from {S}.mt_doc_treehead where (data ->> 'size')::bigint > {remaining}")).ShouldBe(0);

        var result = await VerifyAsync(copy);

        // The database now agrees with itself; only the checkpoint file outside it still names the longer tree.
        result.ShouldFindFirst("checkpoint");
        result.FirstMessage.ShouldStartWith("Checkpoint file tree-head-");
    }

    [Fact]
    public async Task A_truncated_tail_is_found_through_the_stored_tree_heads_when_the_newest_checkpoint_files_are_gone()
    {
        var copy = await log.CopyAsync();
        var (_, remaining) = await TruncateTailAsync(copy, deleteTreeHeads: false);
        DeleteCheckpointFilesAbove(copy, remaining);

        var result = await VerifyAsync(copy);

        result.ShouldFindFirst("tree-head");
        result.FirstMessage.ShouldStartWith("Stored tree head ");
    }

    [Fact]
    public async Task An_edited_review_document_is_found_only_when_projections_are_checked()
    {
        var copy = await log.CopyAsync();
        await ExecuteAsync(copy, $$"""
            update {{S}}.mt_doc_review
            set data = jsonb_set(jsonb_set(data, '{members}', (data -> 'members') || '[{"userId":"intruder","name":"Intruder","roles":["lead"]}]'::jsonb),
                                 '{memberIds}', (data -> 'memberIds') || '["intruder"]'::jsonb)
            where id = '{{log.Review}}'
            """);

        var plain = await VerifyAsync(copy);
        var withProjections = await VerifyAsync(copy, "--projections");

        plain.Exit.ShouldBe(0, "the events are untouched: " + plain.Stderr);
        withProjections.ShouldFindFirst("projection", stream: log.Review);
    }

    [Fact]
    public async Task The_application_role_may_not_delete_streams_rewrite_seals_or_move_the_sequence_back()
    {
        var copy = await log.CopyAsync();
        var asApp = new NpgsqlConnectionStringBuilder(copy) { Username = AppFixture.ApplicationRole, Password = null }.ConnectionString;

        var delete = await Should.ThrowAsync<PostgresException>(() => ExecuteAsync(asApp, $"delete from {S}.mt_streams where id = '{log.Records[2]}'"));
        var update = await Should.ThrowAsync<PostgresException>(() => ExecuteAsync(asApp, $"update {S}.sealed_leaves set hash = hash where leaf = 0"));
        var setval = await Should.ThrowAsync<PostgresException>(() => ExecuteAsync(asApp, $"select setval('{S}.mt_events_sequence', 1)"));

        delete.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        update.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        setval.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await VerifyAsync(copy)).Exit.ShouldBe(0);
    }

    [Fact]
    public async Task An_event_forged_by_the_application_role_with_a_correct_link_is_found_by_its_missing_transaction_seal()
    {
        var copy = await log.CopyAsync();
        var asApp = new NpgsqlConnectionStringBuilder(copy) { Username = AppFixture.ApplicationRole, Password = null }.ConnectionString;
        var stream = log.Records[1];
        var version = await ScalarAsync(asApp, $"select version from {S}.mt_streams where id = '{stream}'");
        var real = await EventAsync(asApp, stream, version);

        // A copy of the stream's newest event, appended as its next version with the link the application would compute.
        var forgedSequence = await ScalarAsync(asApp, $"""
            insert into {S}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, is_archived,
                                       correlation_id, causation_id, headers)
            select nextval('{S}.mt_events_sequence'), gen_random_uuid(), stream_id, {version + 1}, data, type, timestamp, tenant_id,
                   mt_dotnet_type, false, correlation_id, causation_id, headers
            from {S}.mt_events where seq_id = {real.Sequence}
            returning seq_id
            """);
        var forged = (await EventAsync(asApp, stream, version + 1)) with { HashFormat = CanonicalEvent.CurrentFormat };
        var hash = HashChain.Compute(real.Hash, forged.ToCanonical());
        var link = JsonSerializer.Serialize(new
        {
            id = ChainLink.IdFor(stream, version + 1), reviewId = log.Review, streamId = stream, version = version + 1,
            previousHash = real.Hash, hash, format = CanonicalEvent.CurrentFormat,
        });
        await ExecuteAsync(asApp, $"""
            insert into {S}.mt_doc_chainlink (id, data) values ('{ChainLink.IdFor(stream, version + 1)}', '{link}'::jsonb);
            update {S}.mt_streams set version = {version + 1} where id = '{stream}';
            """);

        var result = await VerifyAsync(copy);

        result.ShouldFindFirst("transaction-seal");
        result.Report.GetProperty("unsealed").GetInt64().ShouldBe(1, $"forged sequence {forgedSequence}");
    }

    [Fact]
    public async Task A_review_rewritten_with_recomputed_links_is_found_at_the_edited_vote()
    {
        var copy = await log.CopyAsync();
        var vote = await SequenceOfAsync(copy, log.Records[0], version: 3);
        await ExecuteAsync(copy, $$"""update {{S}}.mt_events set data = jsonb_set(data, '{decision}', '"include"') where seq_id = {{vote}}""");
        await RecomputeAllLinksAsync(copy, log.Review);

        var result = await VerifyAsync(copy);

        result.ShouldFindFirst("seal", sequence: vote, stream: log.Records[0]);
    }

    /// <summary>
    /// What can and cannot be detected about a truncated tail. The stored tree heads alone catch it (the newest covers
    /// more sealed events than remain), whatever the checkpoint directory holds. If the truncation also removes the stored
    /// tree heads above the cut, and the checkpoint directory holds only older heads (the newest files deleted, an older
    /// one restored), the database and the directory agree with each other: the cut can be found only against a
    /// checkpoint kept elsewhere, given with --checkpoint, or by a transaction seal the cut split in two.
    /// </summary>
    [Fact]
    public async Task A_truncated_tail_behind_an_older_restored_checkpoint_is_found_through_the_stored_tree_heads()
    {
        var copy = await log.CopyAsync();
        var directory = AppFixture.CheckpointDirectoryFor(copy);
        var newest = Directory.EnumerateFiles(directory, "tree-head-*.json").Order(StringComparer.Ordinal).Last();
        var kept = Path.Combine(Path.GetTempPath(), "eventreview-tests", "kept-" + Guid.NewGuid().ToString("N") + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(kept)!);
        File.Copy(newest, kept);
        var (_, remaining) = await TruncateTailAsync(copy, deleteTreeHeads: false);
        DeleteCheckpointFilesAbove(copy, remaining);
        var older = Directory.EnumerateFiles(directory, "tree-head-*.json").Order(StringComparer.Ordinal).Last();
        File.Copy(older, newest);

        var viaHeads = await VerifyAsync(copy);

        viaHeads.ShouldFindFirst("tree-head");
        viaHeads.FirstMessage.ShouldStartWith("Stored tree head ");

        // With the stored heads above the cut gone too, only the checkpoint kept outside still finds it.
        await ExecuteAsync(copy, $"delete from {S}.mt_doc_treehead where (data ->> 'size')::bigint > {remaining}");
        var viaKept = await VerifyAsync(copy, "--checkpoint", kept);
        viaKept.ShouldFindFirst("checkpoint");
        viaKept.FirstMessage.ShouldStartWith("The given checkpoint ");
    }

    [Fact]
    public async Task A_malformed_checkpoint_file_is_refused_with_one_line()
    {
        var copy = await log.CopyAsync();
        var file = TempFile("{\"format\": \"eventreview-tree-head\", \"size\": ");

        var result = await VerifyAsync(copy, "--checkpoint", file);

        result.ShouldFailCleanly();
    }

    [Fact]
    public async Task A_checkpoint_of_another_log_is_refused()
    {
        var copy = await log.CopyAsync();
        using var key = SealKey.FromPem(AppFixture.SealKeyPem);
        // What another database sealed with the same key would hold: a head of its own log, correctly signed.
        var foreign = TreeHead.Sign(key, Guid.NewGuid().ToString("D"), 3, new string('a', 64), DateTimeOffset.UtcNow);
        var file = TempFile(foreign.ToJson());

        var result = await VerifyAsync(copy, "--checkpoint", file);

        result.ShouldFailCleanly();
        result.ShouldFindFirst("checkpoint");
        result.FirstMessage.ShouldContain("another log");
    }

    [Fact]
    public async Task A_different_public_key_fails_every_signature_with_one_line()
    {
        var copy = await log.CopyAsync();
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var file = TempFile(other.ExportSubjectPublicKeyInfoPem());

        var result = await VerifyAsync(copy, "--public-key", file);

        result.ShouldFailCleanly();
        result.ShouldFindFirst("tree-head");
        result.FirstMessage.ShouldContain("not signed by the seal key");
    }

    private static async Task DeleteEventAsync(string connectionString, long sequence) =>
        await ExecuteAsync(connectionString, $"""
            delete from {S}.mt_doc_chainlink where id = (select stream_id::text || ':' || version from {S}.mt_events where seq_id = {sequence});
            delete from {S}.mt_events where seq_id = {sequence};
            """);

    /// <summary>
    /// Removes whole transactions from the end of the log as a superuser would to hide them: their events, links, transaction
    /// seals and leaves, the seal blocks beyond the cut, stream rows set back; and the stored tree heads above the cut if asked.
    /// Returns the first removed sequence and the sealed events that remain.
    /// </summary>
    private static async Task<(long Cutoff, long Remaining)> TruncateTailAsync(string connectionString, bool deleteTreeHeads)
    {
        var cutoff = await ScalarAsync(connectionString, $"""
            select min(e.seq_id) from {S}.mt_events e {EventLog.LinkJoin}
            where l.data ->> 'batch' in (
              select l2.data ->> 'batch' from {S}.mt_events e2
              join {S}.mt_doc_chainlink l2 on l2.id = e2.stream_id::text || ':' || e2.version
              where e2.seq_id = (select max(seq_id) - 5 from {S}.mt_events))
            """);
        await ExecuteAsync(connectionString, $"""
            delete from {S}.mt_doc_chainbatch where id in (
              select (l.data ->> 'batch')::uuid from {S}.mt_events e {EventLog.LinkJoin} where e.seq_id >= {cutoff});
            delete from {S}.mt_doc_chainlink l using {S}.mt_events e where l.id = e.stream_id::text || ':' || e.version and e.seq_id >= {cutoff};
            delete from {S}.mt_events where seq_id >= {cutoff};
            delete from {S}.sealed_leaves where seq_id >= {cutoff};
            delete from {S}.mt_streams s where not exists (select 1 from {S}.mt_events e where e.stream_id = s.id);
            update {S}.mt_streams s set version = (select max(version) from {S}.mt_events e where e.stream_id = s.id);
            delete from {S}.mt_doc_sealblock where (data ->> 'size')::bigint > (select count(*) from {S}.sealed_leaves);
            """);
        var remaining = await ScalarAsync(connectionString, $"select count(*) from {S}.sealed_leaves");
        if (deleteTreeHeads) await ExecuteAsync(connectionString, $"delete from {S}.mt_doc_treehead where (data ->> 'size')::bigint > {remaining}");
        return (cutoff, remaining);
    }

    private static void DeleteCheckpointFilesAbove(string connectionString, long size)
    {
        foreach (var file in Directory.EnumerateFiles(AppFixture.CheckpointDirectoryFor(connectionString), "tree-head-*.json"))
            if (long.Parse(Path.GetFileNameWithoutExtension(file)["tree-head-".Length..], System.Globalization.CultureInfo.InvariantCulture) > size)
                File.Delete(file);
    }

    /// <summary>Every link of the review recomputed over the events as they now are, as someone rewriting history would.</summary>
    private static async Task RecomputeAllLinksAsync(string connectionString, Guid review)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        var previous = new Dictionary<string, string>();
        var updates = new List<string>();
        await foreach (var e in EventLog.ReadAsync(db, review, TestContext.Current.CancellationToken))
        {
            var prev = previous.GetValueOrDefault(e.StreamId) ?? HashChain.Genesis(e.StreamId);
            var hash = HashChain.Compute(prev, e.ToCanonical());
            previous[e.StreamId] = hash;
            updates.Add($"update {S}.mt_doc_chainlink set data = data || jsonb_build_object('previousHash', '{prev}', 'hash', '{hash}') where id = '{e.StreamId}:{e.StreamVersion}'");
        }
        await ExecuteAsync(connectionString, string.Join(";\n", updates));
    }

    private static async Task<ChainedEvent> EventAsync(string connectionString, Guid stream, long version)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await foreach (var e in EventLog.ReadAsync(db, null, TestContext.Current.CancellationToken))
            if (e.StreamId == stream.ToString("D") && e.StreamVersion == version) return e;
        throw new InvalidOperationException($"No version {version} of stream {stream}.");
    }

    private static Task<long> SequenceOfAsync(string connectionString, Guid stream, int version) =>
        ScalarAsync(connectionString, $"select seq_id from {S}.mt_events where stream_id = '{stream}' and version = {version}");

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var command = db.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        return await SealedLogFixture.ScalarLongAsync(db, sql);
    }

    private static string TempFile(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), "eventreview-tests", "input-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<VerifyResult> VerifyAsync(string connectionString, params string[] args)
    {
        var result = await CliProcess.RunAsync(CliProcess.For(connectionString), ["verify", .. args]);
        return new VerifyResult(result);
    }
}

/// <summary>One `eventreview verify` run: its exit code, its stderr and its JSON report, if it printed one.</summary>
internal sealed class VerifyResult(CliResult result)
{
    public int Exit => result.ExitCode;
    public string Stderr => result.Stderr;
    public string Stdout => result.Stdout;

    public JsonElement Report => JsonDocument.Parse(result.Stdout).RootElement;

    public JsonElement FirstFinding => Report.GetProperty("findings")[0];

    public string FirstMessage => FirstFinding.GetProperty("message").GetString() ?? "";

    /// <summary>Exit 3 and the report's first finding of <paramref name="kind"/>, at the sequence and stream given.</summary>
    public void ShouldFindFirst(string kind, long? sequence = null, Guid? stream = null)
    {
        Exit.ShouldBe(3, Stderr + Stdout);
        Report.GetProperty("intact").GetBoolean().ShouldBeFalse();
        var first = FirstFinding;
        first.GetProperty("kind").GetString().ShouldBe(kind, first.ToString());
        if (sequence is { } seq) first.GetProperty("sequence").GetInt64().ShouldBe(seq, first.ToString());
        if (stream is { } id) first.GetProperty("streamId").GetString().ShouldBe(id.ToString("D"), first.ToString());
        result.StderrLines.Length.ShouldBe(1, Stderr);
    }

    /// <summary>Exit 1 or 3, one line on stderr that names the tool, and no stack trace.</summary>
    public void ShouldFailCleanly()
    {
        Exit.ShouldBeOneOf([1, 3], Stderr + Stdout);
        result.StderrLines.Length.ShouldBe(1, Stderr);
        result.StderrLines[0].ShouldStartWith("eventreview: ");
        Stderr.ShouldNotContain("   at ");
        Stdout.ShouldNotContain("   at ");
    }
}
