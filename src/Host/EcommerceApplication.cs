using Ecommerce.Dashboard;
using Ecommerce.Notifications;
using Ecommerce.Orders;
using Ecommerce.Payments;
using Ecommerce.Shared.Hosting;

namespace Ecommerce.Host;

/// <summary>
/// The whole product as one ASP.NET Core app: the platform, then each module. Program runs it; Ecommerce.Testing starts
/// it inside a test process.
/// </summary>
public static class EcommerceApplication
{
    /// <param name="args">Configuration as on the command line (<c>--Ports:Orders=0</c>).</param>
    /// <param name="replaceServices">Runs after every module registered its services, so what it adds wins (a test's clock).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? replaceServices = null)
    {
        // Slim: without IIS, QUIC, HTTPS set-up and hosting-startup scanning, none of which this plain-HTTP service uses.
        // Configuration is read once at start (nothing here reloads it), so no watcher is set on the content root: on
        // Linux that is an inotify watch on every directory under it, paid at each start. Later arguments still win.
        var builder = WebApplication.CreateSlimBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);
        builder.AddPlatform();
        builder.AddOrdersModule();
        builder.AddPaymentsModule();
        builder.AddNotificationsModule();
        builder.AddDashboardModule();
        replaceServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UsePlatform();
        app.UseOrdersModule();
        app.UsePaymentsModule();
        app.UseNotificationsModule();
        app.UseDashboardModule();
        app.MapPlatform();
        return app;
    }
}
