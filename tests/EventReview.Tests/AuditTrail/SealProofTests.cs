using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EventReview.Audit;
using EventReview.Tests.Audit;
using EventReview.Tests.Infrastructure;
using Npgsql;
using Shouldly;

namespace EventReview.Tests.AuditTrail;

/// <summary>
/// What an outsider holding only the public seal key can check: a tree head's signature, an event's inclusion proof
/// and a consistency proof, each recomputed here from the stored leaves by the RFC 9162 definitions written in
/// <see cref="NaiveMerkle"/>, never by the product's own Merkle code.
/// </summary>
public class SealProofTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task An_events_inclusion_proof_is_the_rfc_audit_path_to_a_head_signed_by_the_seal_key()
    {
        var scenario = await ReviewScenario.WithTeamAsync(app);
        var record = (await scenario.RecordsAsync(3))[1];
        await scenario.VoteAsync(scenario.S1, record, "include");
        var vote = await ScalarAsync($"select max(seq_id) from eventreview.mt_events where stream_id = '{record}'");
        var head = await SealedHeadCoveringAsync(vote);

        var proof = await scenario.GetJsonAsync(scenario.Lead, $"/events/{vote}/proof");

        var leaves = await LeafEntriesAsync(head.GetProperty("size").GetInt64());
        var index = (int)proof.GetProperty("leafIndex").GetInt64();
        BitConverter.ToInt64(leaves[index].AsSpan(0, 8).ToArray().Reverse().ToArray()).ShouldBe(vote, "the leaf names the event's sequence");
        Hex(NaiveMerkle.LeafHash(leaves[index])).ShouldBe(proof.GetProperty("leafHash").GetString());
        proof.GetProperty("proof").EnumerateArray().Select(p => p.GetString()).ShouldBe(NaiveMerkle.Path(index, leaves).Select(Hex));
        Hex(NaiveMerkle.Mth(leaves)).ShouldBe(proof.GetProperty("treeHead").GetProperty("root").GetString());
        SignedByTestKey(proof.GetProperty("treeHead")).ShouldBeTrue();
    }

    [Fact]
    public async Task Prove_gives_the_rfc_consistency_proof_from_an_old_checkpoint_to_the_newest_head()
    {
        var scenario = await ReviewScenario.WithTeamAsync(app);
        var records = await scenario.RecordsAsync(4);
        await SealedHeadCoveringAsync(await ScalarAsync("select max(seq_id) from eventreview.mt_events"));
        var env = CliProcess.For(app.ConnectionString);
        var file = Path.Combine(Path.GetTempPath(), $"old-head-{Guid.NewGuid():N}.json");
        (await CliProcess.RunAsync(env, "checkpoint", "--out", file)).ExitCode.ShouldBe(0);
        foreach (var record in records) await scenario.VoteAsync(scenario.S1, record, "exclude", reasonCode: "wrong-population");
        await SealedHeadCoveringAsync(await ScalarAsync("select max(seq_id) from eventreview.mt_events"));

        var result = await CliProcess.RunAsync(env, "prove", "--review", scenario.ReviewId.ToString(), "--checkpoint", file);

        result.ExitCode.ShouldBe(0, result.Stderr);
        var proof = JsonDocument.Parse(result.Stdout).RootElement;
        var (oldSize, newSize) = (proof.GetProperty("old").GetProperty("size").GetInt64(), proof.GetProperty("current").GetProperty("size").GetInt64());
        oldSize.ShouldBeLessThan(newSize);
        var leaves = await LeafEntriesAsync(newSize);
        proof.GetProperty("proof").EnumerateArray().Select(p => p.GetString()).ShouldBe(NaiveMerkle.Proof((int)oldSize, leaves).Select(Hex));
        Hex(NaiveMerkle.Mth(leaves[..(int)oldSize])).ShouldBe(proof.GetProperty("old").GetProperty("root").GetString());
        SignedByTestKey(proof.GetProperty("current")).ShouldBeTrue();
        (await CliProcess.RunAsync(env, "verify", "--checkpoint", file)).ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task A_screener_gets_no_proof_and_an_unknown_event_is_not_found()
    {
        var scenario = await ReviewScenario.WithTeamAsync(app);
        await scenario.RecordsAsync(1);

        (await scenario.SendAsync(scenario.S1, HttpMethod.Get, "/events/1/proof")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden);
        (await scenario.SendAsync(scenario.Lead, HttpMethod.Get, $"/events/{long.MaxValue}/proof")).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        (await scenario.SendAsync(scenario.Lead, HttpMethod.Get, "/events/not-an-event/proof")).StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
    }

    /// <summary>The documented signed text, rebuilt by hand and checked with the key's public half alone.</summary>
    private static bool SignedByTestKey(JsonElement head)
    {
        string Text(string name) => head.GetProperty(name).GetString()!;
        var signed = $$"""{"algorithm":"ES256","format":"eventreview-tree-head","keyId":"{{Text("keyId")}}","log":"{{Text("log")}}","root":"{{Text("root")}}","size":{{head.GetProperty("size").GetInt64()}},"time":"{{Text("time")}}"}""";
        using var key = ECDsa.Create();
        key.ImportFromPem(AppFixture.SealKeyPem);
        using var verifier = ECDsa.Create();
        verifier.ImportSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _);
        return verifier.VerifyData(Encoding.UTF8.GetBytes(signed), Convert.FromBase64String(Text("signature")), HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>The newest tree head once it covers <paramref name="sequence"/>: sealing and signing take a few seconds.</summary>
    private async Task<JsonElement> SealedHeadCoveringAsync(long sequence)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var leaf = await ScalarAsync($"select coalesce((select leaf from eventreview.sealed_leaves where seq_id = {sequence}), -1)");
            var size = await ScalarAsync("select coalesce(max(id), 0) from eventreview.mt_doc_treehead");
            if (leaf >= 0 && size > leaf)
                return JsonDocument.Parse(await TextAsync($"select data::text from eventreview.mt_doc_treehead where id = {size}")).RootElement;
            await Task.Delay(200);
        }
        throw new TimeoutException($"Sequence {sequence} was not covered by a signed tree head within 30 s.");
    }

    /// <summary>Each leaf's entry as RFC 9162 hashes it: the sequence (8 bytes, big-endian), then the event hash.</summary>
    private async Task<List<byte[]>> LeafEntriesAsync(long size)
    {
        await using var db = NpgsqlDataSource.Create(app.ConnectionString);
        await using var command = db.CreateCommand($"select int8send(seq_id) || hash from eventreview.sealed_leaves where leaf < {size} order by leaf");
        var entries = new List<byte[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) entries.Add(reader.GetFieldValue<byte[]>(0));
        return entries;
    }

    private static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);

    private async Task<long> ScalarAsync(string sql) => Convert.ToInt64(await QueryAsync(sql), System.Globalization.CultureInfo.InvariantCulture);

    private async Task<string> TextAsync(string sql) => (string)(await QueryAsync(sql))!;

    private async Task<object?> QueryAsync(string sql)
    {
        await using var db = NpgsqlDataSource.Create(app.ConnectionString);
        await using var command = db.CreateCommand(sql);
        return await command.ExecuteScalarAsync();
    }
}
