using Ecommerce.Shared.Hosting;

namespace Ecommerce.Host.Dashboard;

/// <summary>The admin dashboard on Ports:Dashboard; a placeholder page until the dashboard is built (issue 7).</summary>
public static class DashboardModule
{
    public const string Name = "Dashboard";

    public static void AddDashboard(this WebApplicationBuilder builder) =>
        builder.TryAddModule(Name, typeof(DashboardModule).Assembly);
}
