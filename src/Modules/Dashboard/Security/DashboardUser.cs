using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace Ecommerce.Dashboard.Security;

/// <summary>
/// Who uses the dashboard in this circuit or request, and what they may do. Without sign-in (loopback or anonymous
/// access) there is no named user and everything is allowed, as before users existed. Every action checks
/// <see cref="Can"/> itself, even though the page only shows what the user may do.
/// </summary>
public sealed class DashboardUser
{
    /// <summary>Sent with the dashboard's calls to the APIs, which write it in their audit rows (see <c>Actor</c>).</summary>
    public const string Header = Ecommerce.Shared.Security.Actor.DashboardUserHeader;

    public DashboardUser(IOptions<DashboardAccess> access, IServiceProvider services)
    {
        if (access.Value.Mode != DashboardAccessMode.Login) return;
        (Name, Role) = From(CircuitUser(services) ?? services.GetService<IHttpContextAccessor>()?.HttpContext?.User);
    }

    /// <summary>
    /// A circuit's user: known before its first component renders (not known yet means the least). Outside components (a
    /// CSV export is a plain request) there is no circuit, and the request's user is the one.
    /// </summary>
    private static ClaimsPrincipal? CircuitUser(IServiceProvider services)
    {
        try
        {
            var state = services.GetService<AuthenticationStateProvider>()?.GetAuthenticationStateAsync();
            return state is { IsCompletedSuccessfully: true } ? state.Result.User : null;
        }
        catch (InvalidOperationException) // "GetAuthenticationStateAsync was called before SetAuthenticationState"
        {
            return null;
        }
    }

    /// <summary>The signed-in user's name; null without sign-in.</summary>
    public string? Name { get; }

    public DashboardRole Role { get; } = DashboardRole.Admin;

    /// <summary>The dashboard's client for one API, naming this user on each call so the API's audit rows say who acted.</summary>
    public HttpClient ActsThrough(HttpClient http)
    {
        if (Name is not null) http.DefaultRequestHeaders.Add(Header, Uri.EscapeDataString(Name));
        return http;
    }

    public bool Can(DashboardRole needed) => Role >= needed;

    /// <summary>A refusal for an action the user's role does not allow (the page should not have offered it).</summary>
    public string? Refusal(DashboardRole needed) => Can(needed) ? null : $"Your role ({RoleName(Role)}) may not do this; it needs {RoleName(needed)}.";

    public static ClaimsPrincipal Principal(string name, DashboardRole role) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, RoleName(role))], CookieAuthenticationDefaults.AuthenticationScheme));

    public static string RoleName(DashboardRole role) => role.ToString().ToLowerInvariant();

    /// <summary>A role from its name (viewer, operator, admin; any case), as settings, sessions and identity providers write it.</summary>
    public static DashboardRole? ParseRole(string? name) =>
        Enum.GetValues<DashboardRole>().Cast<DashboardRole?>().FirstOrDefault(r => string.Equals(RoleName(r!.Value), name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The name and role a session carries. A session without a role claim was signed in with the admin password
    /// before users existed (the cookie is signed, so it was issued here).
    /// </summary>
    public static (string? Name, DashboardRole Role) From(ClaimsPrincipal? principal)
    {
        if (principal?.Identity is not { IsAuthenticated: true, Name: { } name }) return (null, DashboardRole.Viewer);
        var role = principal.FindFirst(ClaimTypes.Role)?.Value;
        if (role is null) return (name, DashboardRole.Admin);
        return (name, ParseRole(role) ?? DashboardRole.Viewer);
    }
}
