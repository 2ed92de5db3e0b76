using System.Security.Cryptography;
using System.Text;

namespace CareDialog.Core.Features.Channels;

/// <summary>RFC 7636 proof key: a random verifier kept server-side and its S256 challenge sent with the authorisation request.</summary>
public static class Pkce
{
    /// <summary>43 characters of base64url (32 random bytes), the minimum length RFC 7636 allows.</summary>
    public static string CreateVerifier() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Challenge(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <summary>An unguessable OAuth state value.</summary>
    public static string CreateState() => Base64Url(RandomNumberGenerator.GetBytes(24));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
