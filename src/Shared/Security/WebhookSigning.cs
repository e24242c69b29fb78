using System.Security.Cryptography;
using System.Text;

namespace Ecommerce.Shared.Security;

/// <summary>
/// Standard Webhooks v1 signing (standardwebhooks.com), a few lines over HMAC-SHA256: <c>webhook-id</c>,
/// <c>webhook-timestamp</c> (Unix seconds) and <c>webhook-signature: v1,{base64 HMAC of "{id}.{timestamp}.{body}"}</c>.
/// <c>Webhooks:SigningSecrets</c> (<see cref="WebhookOptions"/>) is a list of <c>whsec_</c> + base64 secrets of at least
/// 24 bytes: the first signs, all verify, so a secret is rotated by putting the new one first, then removing the old one
/// once every sender has it. Unset: webhooks are neither signed nor checked, as in the original.
/// </summary>
public sealed class WebhookSigning
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public const string SecretPrefix = "whsec_";

    /// <summary>How far a timestamp may be from this machine's clock, either way (the specification's recommendation).</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private readonly byte[][] _secrets;

    public WebhookSigning(IEnumerable<byte[]> secrets) => _secrets = [.. secrets];

    public bool Enabled => _secrets.Length > 0;

    public WebhookSigning(WebhookOptions options) : this(options.SigningSecrets.Select(Bytes))
    {
    }

    /// <summary>Why <paramref name="text"/> is not a secret (<c>whsec_</c> and at least 24 bytes in base64), or null.</summary>
    public static string? Problem(string text, string key) =>
        TryBytes(text, out _) ? null : $"{key} must be {SecretPrefix} followed by at least 24 bytes in base64 (e.g. {SecretPrefix}$(openssl rand -base64 32)).";

    /// <summary>A secret's bytes: what follows <c>whsec_</c>, base64 (checked by <see cref="Problem"/>).</summary>
    public static byte[] Bytes(string text) => TryBytes(text, out var bytes) ? bytes : throw new ArgumentException(Problem(text, "secret"), nameof(text));

    private static bool TryBytes(string text, out byte[] bytes)
    {
        bytes = [];
        if (!text.StartsWith(SecretPrefix, StringComparison.Ordinal)) return false;
        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text[SecretPrefix.Length..], buffer, out var written) || written < 24) return false;
        bytes = buffer[..written];
        return true;
    }

    /// <summary>The three headers for a webhook with this id and body, signed now with the first secret.</summary>
    public IEnumerable<KeyValuePair<string, string>> Headers(string id, DateTimeOffset now, ReadOnlySpan<byte> body)
    {
        var timestamp = now.ToUnixTimeSeconds();
        return
        [
            new(IdHeader, id),
            new(TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(SignatureHeader, "v1," + Convert.ToBase64String(Mac(_secrets[0], id, timestamp, body))),
        ];
    }

    /// <summary>An id for a webhook that is the same on every retry of it: a hash of where it goes and what it says.</summary>
    public static string IdFor(string path, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(path + "\n"));
        hash.AppendData(body);
        return "msg_" + ApiKeys.Base64Url(hash.GetHashAndReset())[..32];
    }

    /// <summary>Why these headers do not sign this body now, or null when one of the signatures is good (constant-time comparison).</summary>
    public string? Refusal(string? id, string? timestamp, string? signatures, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatures))
            return "Missing webhook signature headers";
        if (!long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || seconds > now.ToUnixTimeSeconds() + (long)Tolerance.TotalSeconds || seconds < now.ToUnixTimeSeconds() - (long)Tolerance.TotalSeconds)
            return "Webhook timestamp is too old or too new";
        Span<byte> given = stackalloc byte[48];
        foreach (var signature in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!signature.StartsWith("v1,", StringComparison.Ordinal)
                || !Convert.TryFromBase64String(signature[3..], given, out var written) || written != 32) continue;
            foreach (var secret in _secrets)
                if (CryptographicOperations.FixedTimeEquals(Mac(secret, id, seconds, body), given[..written])) return null;
        }
        return "Invalid webhook signature";
    }

    private static byte[] Mac(byte[] secret, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
        hmac.AppendData(Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)}."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
