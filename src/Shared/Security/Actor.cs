namespace Ecommerce.Shared.Security;

/// <summary>
/// Who is behind the work of the current scope, for the audit log: the API caller (a key's name, <c>module:Payments</c>,
/// <c>token:{sub}</c>), a dashboard user (<c>dashboard:{name}</c>), <c>anonymous</c> for a request while API
/// authentication is off, <c>system</c> for a background worker (recovery, owed work). Set once per request, before any
/// handler runs.
/// </summary>
public sealed class Actor
{
    public const string Anonymous = "anonymous";
    public const string System = "system";

    /// <summary>The signed-in dashboard user a dashboard call acts for (its name, URI-escaped so any script fits a header).</summary>
    public const string DashboardUserHeader = "X-Dashboard-User";

    private const string DashboardCaller = "module:Dashboard";
    private const int MaxUserName = 100;

    public string Name { get; set; } = System;

    /// <summary>
    /// The actor of an API request: the caller API authentication let in, else <c>anonymous</c>; a dashboard user named by
    /// <see cref="DashboardUserHeader"/> only on a call that carries the dashboard's own credential (which it sends
    /// whether or not authentication is on), so no other caller can put a name in the audit log.
    /// </summary>
    public static string Of(HttpContext context, ServiceCredentials services)
    {
        var caller = context.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : null;
        var headers = context.Request.Headers;
        if (headers.TryGetValue(DashboardUserHeader, out var user) && user.Count == 1 && user[0] is { Length: > 0 } escaped)
        {
            caller ??= services.Of(context.Request)?.Name;
            var unescaped = Uri.UnescapeDataString(escaped);
            if (caller == DashboardCaller && unescaped.Length <= MaxUserName && !unescaped.Any(char.IsControl)) return "dashboard:" + unescaped;
        }
        return caller ?? Anonymous;
    }
}
