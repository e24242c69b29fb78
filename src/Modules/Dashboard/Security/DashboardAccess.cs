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
public sealed class DashboardAccess
{
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

    public static DashboardAccess From(IConfiguration configuration)
    {
        var access = configuration.GetSection("Dashboard").Get<DashboardAccess>() ?? new DashboardAccess();
        if (!string.IsNullOrEmpty(access.AdminPassword) && !string.IsNullOrEmpty(access.AdminPasswordHash))
            throw new InvalidOperationException("Set Dashboard:AdminPassword or Dashboard:AdminPasswordHash, not both.");
        if (!string.IsNullOrEmpty(access.AdminPasswordHash) && !DashboardUsers.IsHash(access.AdminPasswordHash))
            throw new InvalidOperationException("Dashboard:AdminPasswordHash is not a password hash; make one with: dotnet run --project src/Host -- hash-password");
        CheckUsers(access, configuration.GetSection("Dashboard:Users"));
        if (access.Oidc.Enabled && (string.IsNullOrWhiteSpace(access.Oidc.ClientId) || !Uri.TryCreate(access.Oidc.Authority, UriKind.Absolute, out _)))
            throw new InvalidOperationException("Dashboard:Oidc:Authority must be an absolute URL and Dashboard:Oidc:ClientId is required with it.");
        if (access.SessionMinutes <= 0 || access.LockoutAfterFailures <= 0 || access.LockoutMinutes <= 0)
            throw new InvalidOperationException("Dashboard:SessionMinutes, LockoutAfterFailures and LockoutMinutes must be greater than 0.");
        return access;
    }

    private static void CheckUsers(DashboardAccess access, IConfigurationSection section)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(access.AdminPassword) || !string.IsNullOrEmpty(access.AdminPasswordHash)) names.Add(DashboardUsers.AdminName);
        foreach (var (user, entry) in access.Users.Zip(section.GetChildren()))
        {
            var at = $"Dashboard:Users:{entry.Key}";
            if (string.IsNullOrWhiteSpace(user.Name) || user.Name.Length > 100)
                throw new InvalidOperationException($"{at}:Name is required (1 to 100 characters): it names the user in the audit log.");
            if (!DashboardUsers.IsHash(user.PasswordHash))
                throw new InvalidOperationException($"{at}:PasswordHash is not a password hash; make one with: dotnet run --project src/Host -- hash-password");
            if (user.ParsedRole is null)
                throw new InvalidOperationException($"{at}:Role must be viewer, operator or admin, not '{user.Role}'.");
            if (!names.Add(user.Name.Trim()))
                throw new InvalidOperationException($"{at}:Name '{user.Name}' is taken (names are compared ignoring case; the admin password is the user 'admin').");
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
