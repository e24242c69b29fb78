using Ecommerce.Shared.Hosting;

namespace Ecommerce.Shared.Security;

/// <summary>The <c>Auth</c> section: API keys, the key the modules call each other with, the delay after failures.</summary>
public sealed class ApiAuthOptions : IModuleOptions
{
    public const string Section = "Auth";

    private static readonly string[] ReservedNames = ["module:", "token:", "dashboard:"];

    /// <summary><c>Auth:ApiKeys:{n}:{Name,Hash,Scopes}</c>: a key's hash (<c>hash-api-key</c> prints one) and its scopes.</summary>
    public List<ApiKeyOptions> ApiKeys { get; init; } = [];

    /// <summary>The secret the modules sign their calls to each other with; unset: this process makes one up.</summary>
    public string? ServiceKey { get; init; }

    /// <summary>The longest a refused request from an address that keeps failing is held back (0: never).</summary>
    public double FailureDelayMaxSeconds { get; init; } = 2;

    public IEnumerable<string> Problems()
    {
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, index) in ApiKeys.Select((key, index) => (key, index)))
        {
            var at = $"Auth:ApiKeys:{index}";
            var scopes = ApiCaller.ParseScopes(key.Scopes).ToList();
            var unknown = scopes.Where(s => !ApiScopes.All.Contains(s)).ToList();
            if (string.IsNullOrWhiteSpace(key.Name)) yield return $"{at}:Name is required (it names the key in logs and audit rows).";
            // The audit log's other actors: a key must not pass for a module, a token, a dashboard user or nobody.
            else if (ReservedNames.Any(reserved => key.Name.StartsWith(reserved, StringComparison.OrdinalIgnoreCase)) || key.Name is Actor.Anonymous or Actor.System)
                yield return $"{at}:Name '{key.Name}' would pass for another kind of actor: it may not start with {string.Join(", ", ReservedNames)} nor be {Actor.Anonymous} or {Actor.System}.";
            if (!Security.ApiKeys.IsHash(key.Hash))
                yield return $"{at}:Hash is not a key hash; make one with: dotnet Ecommerce.Host.dll hash-api-key (or new-api-key).";
            else if (!hashes.Add(key.Hash)) yield return $"{at}:Hash is the hash of another key too.";
            if (scopes.Count == 0 || unknown.Count > 0)
                yield return $"{at}:Scopes must name one or more of: {string.Join(' ', ApiScopes.All)}" +
                             (unknown.Count > 0 ? $" (not '{string.Join(' ', unknown)}')." : ".");
        }
        if (!string.IsNullOrEmpty(ServiceKey) && ServiceKey.Length < Security.ApiKeys.MinLength)
            yield return $"Auth:ServiceKey must be at least {Security.ApiKeys.MinLength} characters (new-api-key prints a good one).";
        if (!(FailureDelayMaxSeconds is >= 0 and <= 60))
            yield return $"Auth:FailureDelayMaxSeconds must be a number of seconds from 0 to 60, not {FailureDelayMaxSeconds}.";
    }
}

/// <summary>One <c>Auth:ApiKeys</c> entry.</summary>
public sealed class ApiKeyOptions
{
    public string? Name { get; init; }
    public string Hash { get; init; } = "";
    /// <summary>Scopes separated by spaces (<c>orders:read payments:write</c>).</summary>
    public string? Scopes { get; init; }
}
