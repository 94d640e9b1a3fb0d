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
        var base64 = auth.SigningKey
            ?? KeyFile.ReadOrCreate(Path.Combine(dataDirectory, FileName), () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
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
}
