using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Ecommerce.Dashboard.Security;

/// <summary>The <c>Dashboard:Oidc</c> settings: sign-in through a team's identity provider (authorization code flow with PKCE).</summary>
public sealed class DashboardOidcSettings
{
    public string? Authority { get; init; }
    public string? ClientId { get; init; }
    public string? ClientSecret { get; init; }
    /// <summary>The claim whose value names the user's dashboard role (viewer, operator or admin); the highest one counts.</summary>
    public string RoleClaim { get; init; } = "role";
    /// <summary>The claim that names the user in the header and the audit log.</summary>
    public string NameClaim { get; init; } = "name";
    /// <summary>What the login page's button says: "Sign in with …".</summary>
    public string DisplayName { get; init; } = "your identity provider";
    /// <summary>False only for a provider on plain HTTP (a local one): its metadata and keys are then fetched without TLS.</summary>
    public bool RequireHttpsMetadata { get; init; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}

/// <summary>
/// OpenID Connect sign-in to the dashboard. The provider's answer becomes the same session a password sign-in makes:
/// the name from <see cref="DashboardOidcSettings.NameClaim"/>, the role from <see cref="DashboardOidcSettings.RoleClaim"/>.
/// A user whose token names no dashboard role is not let in (sent back to the login page with the reason).
/// </summary>
internal static class DashboardOidc
{
    public const string Scheme = "oidc";
    public const string FailedError = "oidc";

    public static void Configure(OpenIdConnectOptions options, DashboardOidcSettings settings, ILogger log)
    {
        options.Authority = settings.Authority;
        options.ClientId = settings.ClientId;
        options.ClientSecret = settings.ClientSecret;
        options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        options.ResponseType = "code";
        options.UsePkce = true;
        options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        // Claim names as the provider sends them, so RoleClaim and NameClaim mean what the provider's documentation says.
        options.MapInboundClaims = false;
        options.Scope.Clear();
        options.Scope.Add("openid");
        options.Scope.Add("profile");
        options.Events.OnTokenValidated = context =>
        {
            var principal = context.Principal!;
            var roles = principal.FindAll(settings.RoleClaim).Select(c => DashboardUser.ParseRole(c.Value)).Where(r => r is not null).ToList();
            var name = principal.FindFirst(settings.NameClaim)?.Value ?? principal.FindFirst("preferred_username")?.Value
                       ?? principal.FindFirst("sub")?.Value ?? "unknown";
            if (roles.Count == 0)
            {
                log.LogWarning("Dashboard sign-in of {DashboardUser} through OpenID Connect refused: no {RoleClaim} claim names viewer, operator or admin",
                    name, settings.RoleClaim);
                context.Fail("no dashboard role");
                return Task.CompletedTask;
            }
            var highest = roles.Max()!.Value;
            context.Principal = DashboardUser.Principal(name, highest);
            log.LogInformation("Dashboard sign-in of {DashboardUser} ({Role:l}) through OpenID Connect", name, DashboardUser.RoleName(highest));
            return Task.CompletedTask;
        };
        options.Events.OnRemoteFailure = context =>
        {
            context.Response.Redirect($"/login?error={FailedError}");
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }
}
