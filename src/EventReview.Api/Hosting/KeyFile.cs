namespace EventReview.Hosting;

/// <summary>A secret kept in a file of the data directory, created once and readable by its owner only.</summary>
public static class KeyFile
{
    /// <summary>The file's key, else a new one; when <paramref name="refusal"/> says why none may be made, that error instead.</summary>
    public static string ReadOrCreate(string path, Func<string> create, string? refusal = null)
    {
        if (File.Exists(path)) return File.ReadAllText(path);
        if (refusal is not null) throw new InvalidOperationException(refusal);

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written to a temporary file first so a concurrent first start never reads half a key; the first rename wins.
        var temp = path + "." + Environment.ProcessId + ".tmp";
        File.WriteAllText(temp, create());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException)
        {
            File.Delete(temp);
        }
        return File.ReadAllText(path);
    }
}
