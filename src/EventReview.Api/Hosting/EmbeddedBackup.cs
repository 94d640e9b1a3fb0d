using EventReview.Audit;
using EventReview.Identity;

namespace EventReview.Hosting;

/// <summary>What a backup holds and what it deliberately leaves out (see docs/operations.md).</summary>
public sealed record BackupReport(string Directory, IReadOnlyList<string> Contains, IReadOnlyList<string> NotContained);

/// <summary>
/// Backup and restore of the embedded cluster with PostgreSQL's own tools: pg_basebackup copies the running cluster
/// and the WAL written meanwhile, so the copy is consistent while `serve` keeps writing; pg_verifybackup checks a copy
/// against its manifest before it is restored. The private keys never travel with the data: whoever holds the seal key
/// and the database can forge a consistent history (docs/audit.md), so they are kept and restored apart.
/// </summary>
public static class EmbeddedBackup
{
    public const string ClusterFolder = "postgres";
    public const string CheckpointsFolder = "checkpoints";

    private static readonly string[] KeptApart =
    [
        $"{SealKey.FileName} (the private seal key: back it up apart from the data)",
        $"{LocalSigningKey.FileName} (the local token signing key)",
    ];

    public static async Task<BackupReport> BackupAsync(string dataDirectory, string checkpointDirectory, string outDirectory, CancellationToken ct)
    {
        if (Directory.Exists(outDirectory) && Directory.EnumerateFileSystemEntries(outDirectory).Any())
            throw new InvalidOperationException($"refusing to back up into {outDirectory}: it is not empty");
        Directory.CreateDirectory(outDirectory);
        var contains = new List<string> { $"{ClusterFolder}/ (the whole cluster: database, roles, settings; pg_basebackup)" };
        // Before the database: a tree head's file is written after its row commits, so every head copied now is in the
        // copy taken next, and verify on the restored copy never meets a checkpoint larger than its log.
        if (CopyNew(checkpointDirectory, Path.Combine(outDirectory, CheckpointsFolder)) is var heads and > 0)
            contains.Add($"{CheckpointsFolder}/ ({heads} signed tree head file(s), copies)");
        var pg = await EmbeddedPostgres.StartAsync(dataDirectory, ct);
        try
        {
            if (pg.AsPostgresUser) await EmbeddedPostgres.RunRawAsync("chown", ["postgres:postgres", outDirectory], ct);
            // -X stream: the WAL written during the copy comes with it, so the copy is consistent while the server
            // writes; -c fast: start at once instead of waiting for the next scheduled checkpoint.
            await pg.RunAsync("pg_basebackup",
                ["-h", pg.SocketDirectory, "-U", "postgres", "-D", Path.Combine(outDirectory, ClusterFolder), "-X", "stream", "-c", "fast", "--no-password"], ct);
        }
        finally
        {
            await pg.ReleaseAsync();
        }

        if (CopyFileIfAbsent(Path.Combine(dataDirectory, SealKey.PublicFileName), Path.Combine(outDirectory, SealKey.PublicFileName)))
            contains.Add($"{SealKey.PublicFileName} (the public seal key)");
        return new BackupReport(outDirectory, contains, KeptApart);
    }

    /// <summary>
    /// Restores a backup into the data directory's cluster, which must be stopped. An existing database is kept aside,
    /// never deleted, and only with <paramref name="force"/>.
    /// </summary>
    public static async Task<BackupReport> RestoreAsync(string backupDirectory, string dataDirectory, string checkpointDirectory, bool force, CancellationToken ct)
    {
        var source = Path.Combine(backupDirectory, ClusterFolder);
        if (!File.Exists(Path.Combine(source, "backup_manifest")))
            throw new InvalidOperationException($"{backupDirectory} is not an eventreview backup: it has no {ClusterFolder}/backup_manifest");
        var pg = EmbeddedPostgres.Open(dataDirectory);
        // Every file against the manifest's checksums, and the WAL the copy needs: a damaged backup is refused whole.
        await pg.RunAsync("pg_verifybackup", ["-q", source], ct);

        var restored = new List<string> { $"{ClusterFolder}/ into {pg.DataPath}" };
        using (await pg.Users.EnterGateAsync(ct))
        {
            if (pg.Users.InUse() > 0 || await pg.IsRunningAsync(ct))
                throw new InvalidOperationException($"refusing to restore into {dataDirectory}: its embedded PostgreSQL is in use (stop serve and every eventreview command on it first)");
            var target = pg.DataPath;
            if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
            {
                var aside = $"{target}.before-restore-{DateTime.UtcNow:yyyyMMddTHHmmssZ}";
                if (!force)
                    throw new InvalidOperationException($"refusing to restore: {target} already holds a database; with --force it is moved to {aside} and the backup restored in its place");
                Directory.Move(target, aside);
                restored.Add($"the database that was there, kept at {aside}");
            }
            if (Directory.Exists(target)) Directory.Delete(target);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await EmbeddedPostgres.RunRawAsync("cp", ["-a", source, target], ct);
            if (pg.AsPostgresUser) await EmbeddedPostgres.RunRawAsync("chown", ["-R", "postgres:postgres", Path.GetDirectoryName(target)!], ct);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        if (CopyNew(Path.Combine(backupDirectory, CheckpointsFolder), checkpointDirectory) is var heads and > 0)
            restored.Add($"{heads} tree head file(s) into {checkpointDirectory}");
        if (CopyFileIfAbsent(Path.Combine(backupDirectory, SealKey.PublicFileName), Path.Combine(dataDirectory, SealKey.PublicFileName)))
            restored.Add(SealKey.PublicFileName);
        return new BackupReport(dataDirectory, restored, KeptApart);
    }

    /// <summary>Copies the files of <paramref name="from"/> that <paramref name="to"/> lacks; never overwrites one.</summary>
    private static int CopyNew(string from, string to)
    {
        if (!Directory.Exists(from)) return 0;
        var copied = 0;
        foreach (var file in Directory.EnumerateFiles(from, "*.json"))
        {
            Directory.CreateDirectory(to);
            if (CopyFileIfAbsent(file, Path.Combine(to, Path.GetFileName(file)))) copied++;
        }
        return copied;
    }

    private static bool CopyFileIfAbsent(string from, string to)
    {
        if (!File.Exists(from) || File.Exists(to)) return false;
        File.Copy(from, to);
        return true;
    }
}
