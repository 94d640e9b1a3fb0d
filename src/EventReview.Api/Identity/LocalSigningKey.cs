using System.Security.Cryptography;
using EventReview.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace EventReview.Identity;

/// <summary>The HMAC key that signs locally minted tokens: from configuration, else a file in the data directory.</summary>
public static class LocalSigningKey
{
    public const string FileName = "signing-key";

    /// <summary>Never made on a shared database (<paramref name="sharedStore"/>): a token minted by one node must pass on every node.</summary>
    public static SymmetricSecurityKey Load(AuthOptions auth, string dataDirectory, bool sharedStore = false)
    {
        var base64 = auth.SigningKey
            ?? KeyFile.ReadOrCreate(Path.Combine(dataDirectory, FileName), () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                sharedStore
                    ? "No signing key is configured. Nodes on a configured database must all hold the same one: set EventReview:Auth:SigningKey " +
                      "(base64, 256 bits or more), or EventReview:Auth:Authority to take tokens from an OIDC provider instead."
                    : null);
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
