using Ecommerce.Dashboard.Api;
using Ecommerce.Dashboard.Components;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ecommerce.Dashboard;

/// <summary>
/// The admin dashboard (Blazor, interactive server rendering) on Ports:Dashboard. It knows the three APIs only over
/// HTTP through Services:*:BaseUrl, like any client, so it works unchanged when the modules run elsewhere.
/// </summary>
public static class DashboardModule
{
    public const string Name = "Dashboard";

    public static void AddDashboardModule(this WebApplicationBuilder builder)
    {
        if (!builder.TryAddModule(Name, typeof(DashboardModule).Assembly)) return;
        // Serve blazor.web.js and the dashboard's css/js from the build output too, not only from a published folder.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.RemoveKeyRingWarmUp();   // Blazor adds data protection again, with its warm-up
        builder.Services.AddSingleton<ApiCallCounter>();
        builder.Services.AddScoped<ViewerLocale>();
        foreach (var client in new[]
                 {
                     builder.Services.AddServiceClient<OrdersApi>(builder.Configuration, "Orders", TimeSpan.FromSeconds(60)),
                     builder.Services.AddServiceClient<PaymentsApi>(builder.Configuration, "Payments", TimeSpan.FromSeconds(30)),
                     builder.Services.AddServiceClient<NotificationsApi>(builder.Configuration, "Notifications", TimeSpan.FromSeconds(30)),
                 })
            client.AddHttpMessageHandler<ApiCallCounter.Handler>();
        builder.Services.TryAddTransient<ApiCallCounter.Handler>();
    }

    public static void UseDashboardModule(this WebApplication app)
    {
        if (app.Services.GetRequiredService<ModuleRegistry>().Modules.All(m => m.Name != Name)) return;
        // One group, so the page, its hub and its static files all answer on the dashboard's port only (D2).
        // The interactive circuit is one long-lived request: the API request timeout does not apply to it.
        var dashboard = app.MapModuleGroup(Name, "/").ExcludeFromDescription();
        dashboard.DisableRequestTimeout();
        dashboard.MapStaticAssets();
        dashboard.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
