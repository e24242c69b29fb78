using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ecommerce.IntegrationTests.Dashboard;

/// <summary>
/// An OpenID Connect provider on a free port, enough for the authorization code flow: discovery, keys, an authorize
/// endpoint that signs in <see cref="NextUser"/> at once (no form), and a token endpoint that returns an RS256 id_token.
/// </summary>
public sealed class FakeIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "ecommerce-dashboard";
    public const string ClientSecret = "a client secret for the test";

    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key" };
    private readonly ConcurrentDictionary<string, string> _nonceOfCode = new();
    private readonly StubServer _server;

    public FakeIdentityProvider() => _server = new StubServer(RespondAsync, readBody: false);

    public string Authority => $"http://127.0.0.1:{_server.Port}";

    /// <summary>Who the next sign-in is: the claims the id_token carries beside sub, iss, aud, nonce and times.</summary>
    public Dictionary<string, object> NextUser { get; set; } = new() { ["sub"] = "u1", ["name"] = "Sato" };

    private async Task RespondAsync(HttpContext context)
    {
        var request = context.Request;
        switch (request.Path.Value)
        {
            case "/.well-known/openid-configuration":
                await context.Response.WriteAsJsonAsync(new Dictionary<string, object>
                {
                    ["issuer"] = Authority, ["authorization_endpoint"] = $"{Authority}/authorize", ["token_endpoint"] = $"{Authority}/token",
                    ["jwks_uri"] = $"{Authority}/jwks", ["response_types_supported"] = new[] { "code" },
                    ["subject_types_supported"] = new[] { "public" }, ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                });
                return;
            case "/jwks":
                var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_key.Rsa.ExportParameters(false)) { KeyId = _key.KeyId });
                await context.Response.WriteAsync(JsonSerializer.Serialize(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } }));
                return;
            case "/authorize":
                var code = Guid.NewGuid().ToString("N");
                _nonceOfCode[code] = request.Query["nonce"].ToString();
                // The answer as form_post: a page that posts the code back to the client at once.
                var encode = HtmlEncoder.Default;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync($"""
                    <html><body onload="document.forms[0].submit()"><form method="post" action="{encode.Encode(request.Query["redirect_uri"].ToString())}">
                    <input type="hidden" name="code" value="{code}"><input type="hidden" name="state" value="{encode.Encode(request.Query["state"].ToString())}">
                    </form></body></html>
                    """);
                return;
            case "/token":
                var form = await request.ReadFormAsync();
                if (form["client_id"] != ClientId && !(request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.Ordinal))
                    || !_nonceOfCode.TryRemove(form["code"].ToString(), out var nonce))
                {
                    context.Response.StatusCode = 400;
                    await context.Response.WriteAsJsonAsync(new { error = "invalid_grant" });
                    return;
                }
                var claims = new Dictionary<string, object>(NextUser) { ["nonce"] = nonce };
                var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
                {
                    Issuer = Authority, Audience = ClientId, Claims = claims, IssuedAt = DateTime.UtcNow, Expires = DateTime.UtcNow.AddMinutes(5),
                    Subject = new ClaimsIdentity(), SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
                });
                await context.Response.WriteAsJsonAsync(new { id_token = token, access_token = "opaque", token_type = "Bearer", expires_in = 300 });
                return;
            default:
                context.Response.StatusCode = 404;
                return;
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
