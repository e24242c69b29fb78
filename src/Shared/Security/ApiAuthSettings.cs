using System.Security.Cryptography;
using System.Text;

namespace Ecommerce.Shared.Security;

/// <summary>
/// What the <c>Auth</c> settings (<see cref="ApiAuthOptions"/>) mean for this process: keys by hash, its service credentials.
/// API authentication is on when API keys (<c>Auth:ApiKeys:{n}:{Name,Hash,Scopes}</c>) or a JWT bearer scheme
/// (<c>Authentication:Schemes:Bearer</c>) are configured; off, every route answers as the original did.
/// </summary>
public sealed class ApiAuthSettings
{
    public const string JwtSection = "Authentication:Schemes:Bearer";

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

    /// <param name="options">The <c>Auth</c> section, checked.</param>
    /// <param name="jwt">A JWT bearer scheme is configured (<see cref="JwtSection"/>).</param>
    /// <param name="split">Modules of this deployment run in other processes (<c>Modules:Enabled</c> or a <c>Services:*:BaseUrl</c> is set).</param>
    /// <param name="testing">The testing routes are on: the dashboard's credential may read them.</param>
    public static ApiAuthSettings Of(ApiAuthOptions options, bool jwt, bool split, bool testing)
    {
        var keys = options.ApiKeys.ToDictionary(key => key.Hash, key => new ApiCaller(key.Name!, ApiCaller.ParseScopes(key.Scopes).ToList()),
            StringComparer.Ordinal);
        var generated = string.IsNullOrEmpty(options.ServiceKey);
        if (generated && split && (keys.Count > 0 || jwt))
            throw new InvalidOperationException("Auth:ServiceKey is required when modules run in separate processes with API authentication on: " +
                                                "set the same value on every process, so the modules can call each other.");
        var secret = generated ? RandomNumberGenerator.GetBytes(32) : Encoding.UTF8.GetBytes(options.ServiceKey!);
        return new ApiAuthSettings(keys, jwt, new ServiceCredentials(secret, testing), generated, TimeSpan.FromSeconds(options.FailureDelayMaxSeconds));
    }
}
