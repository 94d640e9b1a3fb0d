namespace EventReview.Hosting;

/// <summary>A secret kept in a file of the data directory, created once and readable by its owner only.</summary>
public static class KeyFile
{
    public static string ReadOrCreate(string path, Func<string> create)
    {
        if (File.Exists(path)) return File.ReadAllText(path);

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
