using System.Security.Cryptography;
using System.Text;

namespace Ecommerce.Shared.Security;

/// <summary>
/// The credential each module sends when it calls another (contract section 5), derived from one shared secret,
/// <c>Auth:ServiceKey</c>: <c>ecsvc_{Module}_{HMAC-SHA256(secret, module)}</c>. Every process of a split deployment
/// derives the same credentials from the same secret, each module's differs from the others', and each carries only the
/// scopes its own calls need (<see cref="ScopesOf"/>): Payments' credential can report a charge but cannot cancel an order.
/// </summary>
public sealed class ServiceCredentials
{
    public const string Prefix = "ecsvc_";

    private readonly byte[] _secret;
    private readonly bool _testing;
    /// <summary>Each module's expected MAC and its caller, made once: a call between modules checks, it does not allocate.</summary>
    private readonly Dictionary<string, (byte[] Mac, string Credential, ApiCaller Caller)> _known = new(StringComparer.Ordinal);

    public ServiceCredentials(byte[] secret, bool testing)
    {
        _secret = secret;
        _testing = testing;
        foreach (var module in Scopes.Keys)
        {
            var mac = Mac(module);
            _known[module] = (Encoding.ASCII.GetBytes(mac), $"{Prefix}{module}_{mac}", new ApiCaller("module:" + module, ScopesOf(module)));
        }
    }

    private static readonly Dictionary<string, string[]> Scopes = new(StringComparer.Ordinal)
    {
        // Contract 5.1 and 5.2, and the bulk import's batches.
        ["Orders"] = [ApiScopes.PaymentsRead, ApiScopes.PaymentsWrite, ApiScopes.PaymentsBatch,
            ApiScopes.NotificationsRead, ApiScopes.NotificationsWrite, ApiScopes.NotificationsBatch],
        // Contract 5.3: the payment webhook.
        ["Payments"] = [ApiScopes.OrdersWebhook],
        // What its pages read and do; refunds included (its users' roles are the dashboard's own to check).
        ["Dashboard"] = [ApiScopes.OrdersRead, ApiScopes.OrdersWrite, ApiScopes.PaymentsRead, ApiScopes.PaymentsWrite, ApiScopes.NotificationsRead],
    };

    /// <summary>The scopes of a module's credential; the dashboard also reads the testing routes when they are on.</summary>
    public IEnumerable<string> ScopesOf(string module) =>
        module == "Dashboard" && _testing ? [.. Scopes[module], ApiScopes.Admin] : Scopes.GetValueOrDefault(module) ?? [];

    /// <summary>What <paramref name="module"/> sends as its <c>X-API-Key</c>.</summary>
    /// <remarks>Made once: it is asked for on every call between modules (each typed client sets its header).</remarks>
    public string For(string module) => _known[module].Credential;

    /// <summary>The calling module, when <paramref name="presented"/> is the credential of one; compared in constant time.</summary>
    public ApiCaller? Identify(string presented)
    {
        if (!presented.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var rest = presented.AsSpan(Prefix.Length);
        var separator = rest.IndexOf('_');
        if (separator <= 0) return null;
        if (!_known.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(rest[..separator], out var known)) return null;
        var given = rest[(separator + 1)..];
        if (given.Length != known.Mac.Length) return null; // the length of a MAC is no secret
        Span<byte> bytes = stackalloc byte[known.Mac.Length];
        return Encoding.ASCII.GetBytes(given, bytes) == bytes.Length && CryptographicOperations.FixedTimeEquals(known.Mac, bytes) ? known.Caller : null;
    }

    /// <summary>The calling module, when <paramref name="request"/> carries a module's credential in <c>X-API-Key</c>.</summary>
    public ApiCaller? Of(HttpRequest request) =>
        request.Headers.TryGetValue(ApiAuthentication.KeyHeader, out var key) && key.Count == 1 ? Identify(key.ToString()) : null;

    private string Mac(string module) => ApiKeys.Base64Url(HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes("ecommerce-service:" + module)));
}
