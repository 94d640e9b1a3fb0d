using Npgsql;

namespace EventReview.Audit;

/// <summary>
/// Checks everything the database and the checkpoint files can prove without outside help: every stream's chain, every
/// transaction seal's MAC, stream rows against their events, links without events, every sealed event against its
/// leaf, the Merkle tree against every stored tree head and checkpoint file, and each head's signature.
/// </summary>
public static class LogAudit
{
    public static async Task<AuditReport> RunAsync(NpgsqlDataSource db, SealKey key, string? checkpointDirectory,
        IReadOnlyList<TreeHead> givenCheckpoints, CancellationToken ct)
    {
        var findings = new List<AuditFinding>();
        var heads = await SealStore.TreeHeadsAsync(db, ct);
        var log = (await SealStore.NewestBlockAsync(db, ct))?.Log;
        var roots = new List<ExpectedRoot>();
        foreach (var head in heads) CheckHead(head, $"Stored tree head {head.Size}", log, key, roots, findings, AuditFindingKind.TreeHead);
        var files = CheckpointFiles.Read(checkpointDirectory, findings);
        foreach (var (head, source) in files.Concat(givenCheckpoints.Select(c => (c, "The given checkpoint"))))
            CheckHead(head, source, log, key, roots, findings, AuditFindingKind.Checkpoint);
        roots.Sort((a, b) => a.Size.CompareTo(b.Size));

        var chains = new List<AuditFinding>();
        SealMerge merge;
        VerificationReport report;
        await using (var leafConnection = await db.OpenConnectionAsync(ct))
        {
            using var leaves = ReadLeaves(leafConnection).GetEnumerator();
            merge = new SealMerge(leaves, roots, findings);
            report = ChainVerifier.Verify(EventLog.ReadAsync(db, null, ct).ToBlockingEnumerable(ct).Select(e =>
            {
                if (e.HashFormat != CanonicalEvent.CurrentFormat && chains.Count == 0)
                    chains.Add(Finding(AuditFindingKind.Chain, e, $"Sequence {e.Sequence} has a link in hash format {e.HashFormat}; only format {CanonicalEvent.CurrentFormat} is written."));
                merge.Observe(e);
                return e;
            }));
            if (report.Intact) merge.Finish();
        }
        if (report.FirstFailure is { } broken)
            chains.Insert(0, AuditFinding.Of(broken));
        findings.InsertRange(0, chains.Take(1));
        await LogTables.CheckAsync(db, key, findings, ct);

        return new AuditReport(findings.Count == 0, report.EventsChecked, report.Streams, merge.Sealed, merge.Unsealed, merge.OldestUnsealed,
            merge.Tree.Size, merge.Tree.Size == 0 ? null : MerkleHash.ToHex(merge.Tree.Root()), heads.Count > 0 ? heads[^1] : null, heads.Count, files.Count,
            findings);
    }

    private static void CheckHead(TreeHead head, string source, string? log, SealKey key, List<ExpectedRoot> roots,
        List<AuditFinding> findings, AuditFindingKind kind)
    {
        string? problem = null;
        if (log is not null && head.Log != log) problem = $"{source} is of another log ({head.Log}); this database's log is {log}.";
        else if (!head.IsSignedBy(key)) problem = $"{source} (size {head.Size}) is not signed by the seal key {key.KeyId}.";
        if (problem is null) roots.Add(new ExpectedRoot(head.Size, head.Root, source, kind));
        else if (!findings.Any(f => f.Kind == kind)) findings.Add(new AuditFinding(kind, null, null, null, problem, AuditActions.Checkpoint));
    }

    private static AuditFinding Finding(AuditFindingKind kind, ChainedEvent e, string message) =>
        new(kind, e.Sequence, e.StreamId, e.StreamVersion, message, AuditActions.Investigate);

    private static IEnumerable<SealedLeaf> ReadLeaves(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand($"select leaf, seq_id, hash from {SealedLeaves.Table} order by seq_id", connection);
        using var reader = command.ExecuteReader();
        while (reader.Read())
            yield return new SealedLeaf(reader.GetInt64(0), reader.GetInt64(1), Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(2)));
    }
}
