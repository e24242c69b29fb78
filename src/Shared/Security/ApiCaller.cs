using System.Security.Claims;

namespace Ecommerce.Shared.Security;

/// <summary>
/// Who made an API request and what it may do: an API key's name, a calling module (<c>module:Payments</c>) or a token's
/// subject, with its scopes. Logged beside the request (never the credential itself).
/// </summary>
public sealed class ApiCaller
{
    public const string AuthenticationType = "ApiCredential";

    public ApiCaller(string name, IEnumerable<string> scopes)
    {
        Name = name;
        Scopes = scopes.ToHashSet(StringComparer.Ordinal);
        Principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], AuthenticationType));
    }

    public string Name { get; }

    public IReadOnlySet<string> Scopes { get; }

    /// <summary>The request's <c>HttpContext.User</c> once it is let in.</summary>
    public ClaimsPrincipal Principal { get; }

    public bool Has(string scope) => Scopes.Contains(scope) || Scopes.Contains(ApiScopes.Admin);

    /// <summary>Scopes as a credential's settings or a token's <c>scope</c> claim write them: separated by spaces.</summary>
    public static IEnumerable<string> ParseScopes(string? text) =>
        (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
