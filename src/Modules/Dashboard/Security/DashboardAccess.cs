using Ecommerce.Shared.Hosting;

namespace Ecommerce.Dashboard.Security;

/// <summary>Who may use the dashboard, decided once at start-up from the <c>Dashboard</c> settings.</summary>
public enum DashboardAccessMode
{
    /// <summary>No credentials set: only this machine can reach it (loopback), no login (a person trying it locally).</summary>
    LoopbackOnly,
    /// <summary>An admin password or users are set: every interface, every page behind a login.</summary>
    Login,
    /// <summary><c>Dashboard:AllowAnonymous=true</c>: every interface, no login (an explicit choice for a private network).</summary>
    Anonymous,
}

/// <summary>The <c>Dashboard</c> settings that govern access.</summary>
public sealed class DashboardAccess : IModuleOptions
{
    public const string Section = "Dashboard";

    /// <summary>The admin password in plain text (for a secret store or an environment variable).</summary>
    public string? AdminPassword { get; init; }
    /// <summary>The admin password as ASP.NET Core Identity's PasswordHasher writes it (<c>hash-password</c> prints one).</summary>
    public string? AdminPasswordHash { get; init; }
    /// <summary>Named users, each with a password hash and a role (<c>Dashboard:Users:{n}:{Name,PasswordHash,Role}</c>).</summary>
    public List<DashboardUserSettings> Users { get; init; } = [];
    /// <summary>Sign-in through an OpenID Connect provider (<c>Dashboard:Oidc:*</c>), beside or instead of passwords.</summary>
    public DashboardOidcSettings Oidc { get; init; } = new();
    public bool AllowAnonymous { get; init; }
    /// <summary>A signed-in session ends after this long without a request (sliding).</summary>
    public int SessionMinutes { get; init; } = 60;
    /// <summary>Wrong passwords in a row from one client address before it is locked out.</summary>
    public int LockoutAfterFailures { get; init; } = 5;
    public int LockoutMinutes { get; init; } = 15;

    public DashboardAccessMode Mode =>
        HasCredentials ? DashboardAccessMode.Login : AllowAnonymous ? DashboardAccessMode.Anonymous : DashboardAccessMode.LoopbackOnly;

    private bool HasCredentials => HasPasswords || Oidc.Enabled;

    /// <summary>Someone signs in with a password (the admin's or a user's): the login page shows its form.</summary>
    public bool HasPasswords => !string.IsNullOrEmpty(AdminPassword) || !string.IsNullOrEmpty(AdminPasswordHash) || Users.Count > 0;

    public IEnumerable<string> Problems()
    {
        if (!string.IsNullOrEmpty(AdminPassword) && !string.IsNullOrEmpty(AdminPasswordHash))
            yield return "Set Dashboard:AdminPassword or Dashboard:AdminPasswordHash, not both.";
        if (!string.IsNullOrEmpty(AdminPasswordHash) && !DashboardUsers.IsHash(AdminPasswordHash))
            yield return "Dashboard:AdminPasswordHash is not a password hash; make one with: dotnet run --project src/Host -- hash-password";
        foreach (var problem in UserProblems()) yield return problem;
        if (Oidc.Enabled && (string.IsNullOrWhiteSpace(Oidc.ClientId) || !Uri.TryCreate(Oidc.Authority, UriKind.Absolute, out _)))
            yield return "Dashboard:Oidc:Authority must be an absolute URL and Dashboard:Oidc:ClientId is required with it.";
        if (SessionMinutes <= 0 || LockoutAfterFailures <= 0 || LockoutMinutes <= 0)
            yield return "Dashboard:SessionMinutes, LockoutAfterFailures and LockoutMinutes must be greater than 0.";
    }

    private IEnumerable<string> UserProblems()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(AdminPassword) || !string.IsNullOrEmpty(AdminPasswordHash)) names.Add(DashboardUsers.AdminName);
        foreach (var (user, index) in Users.Select((user, index) => (user, index)))
        {
            var at = $"Dashboard:Users:{index}";
            if (string.IsNullOrWhiteSpace(user.Name) || user.Name.Length > 100)
                yield return $"{at}:Name is required (1 to 100 characters): it names the user in the audit log.";
            else if (!names.Add(user.Name.Trim()))
                yield return $"{at}:Name '{user.Name}' is taken (names are compared ignoring case; the admin password is the user 'admin').";
            if (!DashboardUsers.IsHash(user.PasswordHash))
                yield return $"{at}:PasswordHash is not a password hash; make one with: dotnet run --project src/Host -- hash-password";
            if (user.ParsedRole is null)
                yield return $"{at}:Role must be viewer, operator or admin, not '{user.Role}'.";
        }
    }
}

/// <summary>One <c>Dashboard:Users</c> entry.</summary>
public sealed class DashboardUserSettings
{
    public string Name { get; init; } = "";
    public string PasswordHash { get; init; } = "";
    /// <summary>viewer, operator or admin (any case).</summary>
    public string? Role { get; init; }

    public DashboardRole? ParsedRole => DashboardUser.ParseRole(Role);
}
