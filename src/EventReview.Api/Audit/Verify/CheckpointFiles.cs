namespace EventReview.Audit;

/// <summary>The tree heads written to the checkpoint directory; an unreadable file is a finding, not a crash.</summary>
public static class CheckpointFiles
{
    public static IReadOnlyList<(TreeHead Head, string Source)> Read(string? directory, List<AuditFinding> findings)
    {
        if (directory is null || !Directory.Exists(directory)) return [];
        var heads = new List<(TreeHead, string)>();
        foreach (var path in Directory.EnumerateFiles(directory, "tree-head-*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                heads.Add((TreeHead.Parse(File.ReadAllText(path)), $"Checkpoint file {Path.GetFileName(path)}"));
            }
            catch (AuditFormatException ex)
            {
                if (!findings.Any(f => f.Kind == AuditFindingKind.Checkpoint))
                    findings.Add(new AuditFinding(AuditFindingKind.Checkpoint, null, null, null,
                        $"Checkpoint file {Path.GetFileName(path)} cannot be read: {ex.Message}", AuditActions.Checkpoint));
            }
        }
        return heads;
    }

    /// <summary>A checkpoint handed to verify or prove: a clear error if it is missing or not a tree head.</summary>
    public static TreeHead Load(FileInfo file) =>
        file.Exists
            ? TreeHead.Parse(File.ReadAllText(file.FullName))
            : throw new AuditFormatException($"No such checkpoint file: {file.FullName}");
}
