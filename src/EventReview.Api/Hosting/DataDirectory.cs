namespace EventReview.Hosting;

/// <summary>Finds the directory that holds the local signing key and the embedded database.</summary>
public static class DataDirectory
{
    public static string Resolve(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured);

        // The embedded PostgreSQL server runs as the postgres user when we are root, and root's home
        // directory is closed to other users, so root's data goes to a system location instead.
        if (Environment.IsPrivilegedProcess && OperatingSystem.IsLinux()) return "/var/lib/eventreview";

        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var baseDir = !string.IsNullOrWhiteSpace(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(baseDir, "eventreview");
    }
}
