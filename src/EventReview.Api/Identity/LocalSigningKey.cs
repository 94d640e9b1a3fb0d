using System.Security.Cryptography;
using EventReview.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace EventReview.Identity;

/// <summary>The HMAC key that signs locally minted tokens: from configuration, else a file in the data directory.</summary>
public static class LocalSigningKey
{
    public const string FileName = "signing-key";

    public static SymmetricSecurityKey Load(AuthOptions auth, string dataDirectory)
    {
        var base64 = auth.SigningKey ?? ReadOrCreate(Path.Combine(dataDirectory, FileName));
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("EventReview:Auth:SigningKey is not valid base64.");
        }
        if (bytes.Length < 32) throw new InvalidOperationException("The signing key must be at least 256 bits.");
        return new SymmetricSecurityKey(bytes) { KeyId = "local" };
    }

    private static string ReadOrCreate(string path)
    {
        if (File.Exists(path)) return File.ReadAllText(path);

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        // Written to a temporary file first so a concurrent first start never reads half a key.
        var temp = path + "." + Environment.ProcessId + ".tmp";
        File.WriteAllText(temp, key);
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
