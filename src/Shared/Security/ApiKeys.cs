using System.Security.Cryptography;
using System.Text;

namespace Ecommerce.Shared.Security;

/// <summary>
/// API keys: random, with a prefix secret scanners can look for, stored only as a SHA-256 hash. A key carries 256 random
/// bits, so a fast hash is as safe as a slow one and costs nothing per request; a key shorter than
/// <see cref="MinLength"/> characters is not accepted for hashing.
/// </summary>
public static class ApiKeys
{
    public const string Prefix = "ecapi_";
    public const string HashPrefix = "sha256:";
    public const int MinLength = 32;

    /// <summary>A fresh key: the prefix and 32 random bytes, base64url.</summary>
    public static string New() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The value for <c>Auth:ApiKeys:{n}:Hash</c>: <c>sha256:</c> and the key's hash, base64.</summary>
    public static string Hash(string key) => HashPrefix + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool IsHash(string value)
    {
        if (!value.StartsWith(HashPrefix, StringComparison.Ordinal)) return false;
        Span<byte> bytes = stackalloc byte[48];
        return Convert.TryFromBase64String(value[HashPrefix.Length..], bytes, out var written) && written == 32;
    }

    internal static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
