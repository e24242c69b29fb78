using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ecommerce.Shared.Security;

/// <summary>
/// The <c>Auth</c> settings, read and checked once at start (a bad one stops the start with a message naming its key).
/// API authentication is on when API keys (<c>Auth:ApiKeys:{n}:{Name,Hash,Scopes}</c>) or a JWT bearer scheme
/// (<c>Authentication:Schemes:Bearer</c>) are configured; off, every route answers as the original did.
/// </summary>
public sealed class ApiAuthSettings
{
    public const string JwtSection = "Authentication:Schemes:Bearer";

    private static readonly string[] ReservedNames = ["module:", "token:", "dashboard:"];

    private ApiAuthSettings(Dictionary<string, ApiCaller> keys, bool jwt, ServiceCredentials services, bool generatedServiceKey, TimeSpan failureDelayMax)
    {
        KeysByHash = keys;
        Jwt = jwt;
        Services = services;
        GeneratedServiceKey = generatedServiceKey;
        FailureDelayMax = failureDelayMax;
    }

    /// <summary>The configured API keys by their hash (<see cref="ApiKeys.Hash"/>).</summary>
    public IReadOnlyDictionary<string, ApiCaller> KeysByHash { get; }

    /// <summary>A JWT bearer scheme is configured (tokens from an identity provider).</summary>
    public bool Jwt { get; }

    public ServiceCredentials Services { get; }

    /// <summary><c>Auth:ServiceKey</c> is unset and this process made one up (it calls only itself).</summary>
    public bool GeneratedServiceKey { get; }

    /// <summary>The longest a refused request from an address that keeps failing is held back (0: never).</summary>
    public TimeSpan FailureDelayMax { get; }

    public bool Enabled => KeysByHash.Count > 0 || Jwt;

    /// <param name="configuration">The host's configuration.</param>
    /// <param name="split">Modules of this deployment run in other processes (<c>Modules:Enabled</c> or a <c>Services:*:BaseUrl</c> is set).</param>
    /// <param name="testing">The testing routes are on: the dashboard's credential may read them.</param>
    public static ApiAuthSettings From(IConfiguration configuration, bool split, bool testing)
    {
        var keys = new Dictionary<string, ApiCaller>(StringComparer.Ordinal);
        foreach (var entry in configuration.GetSection("Auth:ApiKeys").GetChildren())
        {
            var at = $"Auth:ApiKeys:{entry.Key}";
            var name = entry["Name"];
            var hash = entry["Hash"] ?? "";
            var scopes = ApiCaller.ParseScopes(entry["Scopes"]).ToList();
            if (string.IsNullOrWhiteSpace(name)) throw Problem($"{at}:Name is required (it names the key in logs and audit rows).");
            // The audit log's other actors: a key must not pass for a module, a token, a dashboard user or nobody.
            if (ReservedNames.Any(reserved => name.StartsWith(reserved, StringComparison.OrdinalIgnoreCase)) || name is Actor.Anonymous or Actor.System)
                throw Problem($"{at}:Name '{name}' would pass for another kind of actor: it may not start with {string.Join(", ", ReservedNames)} nor be {Actor.Anonymous} or {Actor.System}.");
            if (!ApiKeys.IsHash(hash))
                throw Problem($"{at}:Hash is not a key hash; make one with: dotnet Ecommerce.Host.dll hash-api-key (or new-api-key).");
            var unknown = scopes.Where(s => !ApiScopes.All.Contains(s)).ToList();
            if (scopes.Count == 0 || unknown.Count > 0)
                throw Problem($"{at}:Scopes must name one or more of: {string.Join(' ', ApiScopes.All)}" +
                              (unknown.Count > 0 ? $" (not '{string.Join(' ', unknown)}')." : "."));
            if (!keys.TryAdd(hash, new ApiCaller(name, scopes))) throw Problem($"{at}:Hash is the hash of another key too.");
        }
        var jwt = configuration.GetSection(JwtSection).GetChildren().Any();

        var serviceKey = configuration["Auth:ServiceKey"];
        var generated = string.IsNullOrEmpty(serviceKey);
        if (!generated && serviceKey!.Length < ApiKeys.MinLength)
            throw Problem($"Auth:ServiceKey must be at least {ApiKeys.MinLength} characters (new-api-key prints a good one).");
        if (generated && split && (keys.Count > 0 || jwt))
            throw Problem("Auth:ServiceKey is required when modules run in separate processes with API authentication on: " +
                          "set the same value on every process, so the modules can call each other.");
        var secret = generated ? RandomNumberGenerator.GetBytes(32) : Encoding.UTF8.GetBytes(serviceKey!);

        var delay = configuration["Auth:FailureDelayMaxSeconds"] ?? "2";
        if (!double.TryParse(delay, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds is < 0 or > 60)
            throw Problem($"Auth:FailureDelayMaxSeconds must be a number of seconds from 0 to 60, not '{delay}'.");
        return new ApiAuthSettings(keys, jwt, new ServiceCredentials(secret, testing), generated, TimeSpan.FromSeconds(seconds));
    }

    private static InvalidOperationException Problem(string message) => new(message);
}
