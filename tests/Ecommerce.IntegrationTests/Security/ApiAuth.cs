using System.Security.Claims;
using Ecommerce.Shared.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ecommerce.IntegrationTests.Security;

/// <summary>
/// API authentication as a test configures it: API keys (only their hashes in the settings), a JWT issuer whose signing key
/// the test holds (no network), a service key and webhook secrets.
/// </summary>
public static class ApiAuth
{
    public static readonly string AdminKey = ApiKeys.New();
    public static readonly string ReaderKey = ApiKeys.New();
    /// <summary>A key with one scope, no module's: every route it reaches answers 403.</summary>
    public static readonly string NothingKey = ApiKeys.New();
    public const string Issuer = "https://id.example.test";
    public const string Audience = "ecommerce";
    public static readonly byte[] SigningKey = Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray();
    public const string WebhookSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    /// <summary>An API key per scope (named after it), so a table test can hold exactly the scope a route needs.</summary>
    public static readonly IReadOnlyDictionary<string, string> KeyFor = ApiScopes.All.ToDictionary(scope => scope, _ => ApiKeys.New());

    public static Dictionary<string, string?> Settings(bool jwt = false)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:FailureDelayMaxSeconds"] = "0",
            ["Auth:ServiceKey"] = "a service key of at least thirty-two characters",
        };
        var n = 0;
        void Key(string name, string key, string scopes)
        {
            settings[$"Auth:ApiKeys:{n}:Name"] = name;
            settings[$"Auth:ApiKeys:{n}:Hash"] = ApiKeys.Hash(key);
            settings[$"Auth:ApiKeys:{n}:Scopes"] = scopes;
            n++;
        }
        Key("admin-tool", AdminKey, "admin");
        Key("reader", ReaderKey, "orders:read payments:read notifications:read");
        foreach (var (scope, key) in KeyFor) Key("only " + scope, key, scope);
        if (jwt)
        {
            settings["Authentication:Schemes:Bearer:ValidIssuer"] = Issuer;
            settings["Authentication:Schemes:Bearer:ValidAudiences:0"] = Audience;
            settings["Authentication:Schemes:Bearer:SigningKeys:0:Issuer"] = Issuer;
            settings["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = Convert.ToBase64String(SigningKey);
        }
        return settings;
    }

    /// <summary>A token as an identity provider would issue it, signed with <see cref="SigningKey"/> unless another is given.</summary>
    public static string Token(string scope, string subject = "user-42", string audience = Audience, TimeSpan? expiresIn = null, byte[]? key = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("scope", scope)]),
            NotBefore = DateTime.UtcNow.AddMinutes(-10),
            Expires = DateTime.UtcNow + (expiresIn ?? TimeSpan.FromMinutes(10)),
            IssuedAt = DateTime.UtcNow.AddMinutes(-10),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? SigningKey), SecurityAlgorithms.HmacSha256),
        });

    /// <summary>The client sends this key with every request.</summary>
    public static HttpClient With(this HttpClient client, string key)
    {
        client.DefaultRequestHeaders.Remove(ApiAuthentication.KeyHeader);
        client.DefaultRequestHeaders.Add(ApiAuthentication.KeyHeader, key);
        return client;
    }
}
