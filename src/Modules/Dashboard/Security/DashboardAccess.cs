namespace Ecommerce.Dashboard.Security;

/// <summary>Who may use the dashboard, decided once at start-up from the <c>Dashboard</c> settings.</summary>
public enum DashboardAccessMode
{
    /// <summary>No credentials set: only this machine can reach it (loopback), no login (a person trying it locally).</summary>
    LoopbackOnly,
    /// <summary>An admin password is set: every interface, every page behind a login.</summary>
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
    public bool AllowAnonymous { get; init; }
    /// <summary>A signed-in session ends after this long without a request (sliding).</summary>
    public int SessionMinutes { get; init; } = 60;
    /// <summary>Wrong passwords in a row from one client address before it is locked out.</summary>
    public int LockoutAfterFailures { get; init; } = 5;
    public int LockoutMinutes { get; init; } = 15;

    public DashboardAccessMode Mode =>
        HasCredentials ? DashboardAccessMode.Login : AllowAnonymous ? DashboardAccessMode.Anonymous : DashboardAccessMode.LoopbackOnly;

    private bool HasCredentials => !string.IsNullOrEmpty(AdminPassword) || !string.IsNullOrEmpty(AdminPasswordHash);

    public static DashboardAccess From(IConfiguration configuration)
    {
        var access = configuration.GetSection("Dashboard").Get<DashboardAccess>() ?? new DashboardAccess();
        if (!string.IsNullOrEmpty(access.AdminPassword) && !string.IsNullOrEmpty(access.AdminPasswordHash))
            throw new InvalidOperationException("Set Dashboard:AdminPassword or Dashboard:AdminPasswordHash, not both.");
        if (!string.IsNullOrEmpty(access.AdminPasswordHash) && !Security.AdminPassword.IsHash(access.AdminPasswordHash))
            throw new InvalidOperationException("Dashboard:AdminPasswordHash is not a password hash; make one with: dotnet run --project src/Host -- hash-password");
        if (access.SessionMinutes <= 0 || access.LockoutAfterFailures <= 0 || access.LockoutMinutes <= 0)
            throw new InvalidOperationException("Dashboard:SessionMinutes, LockoutAfterFailures and LockoutMinutes must be greater than 0.");
        return access;
    }
}
