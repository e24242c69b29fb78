namespace Ecommerce.Dashboard.Security;

/// <summary>What a dashboard user may do; each role may do everything the ones before it may.</summary>
public enum DashboardRole
{
    /// <summary>Reads every page, changes nothing.</summary>
    Viewer,
    /// <summary>Also creates and imports orders, ships, delivers and cancels them.</summary>
    Operator,
    /// <summary>Also refunds payments.</summary>
    Admin,
}

/// <summary>
/// On a page: the role it needs. The router shows such a page to the users who have that role only, and a direct request
/// for it from anyone else is answered 403, so the page's actions are refused whichever way they are reached.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresRoleAttribute(DashboardRole role) : Attribute
{
    public DashboardRole Role { get; } = role;

    /// <summary>The role a page needs: viewer when it does not say.</summary>
    public static DashboardRole Of(Type page) =>
        page.GetCustomAttributes(typeof(RequiresRoleAttribute), inherit: true) is [RequiresRoleAttribute needs, ..] ? needs.Role : DashboardRole.Viewer;
}
