using Ecommerce.Dashboard.Api;
using Ecommerce.Dashboard.Components;
using Ecommerce.Dashboard.Live;
using Ecommerce.Dashboard.Security;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Http;
using Ecommerce.Shared.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Ecommerce.Dashboard;

/// <summary>
/// The admin dashboard (Blazor, interactive server rendering) on Ports:Dashboard. It knows the three APIs only over
/// HTTP through Services:*:BaseUrl, like any client, so it works unchanged when the modules run elsewhere.
/// </summary>
public static class DashboardModule
{
    public const string Name = "Dashboard";

    public const string AntiforgeryCookie = ".Ecommerce.Antiforgery";

    public static void AddDashboardModule(this WebApplicationBuilder builder)
    {
        if (!builder.TryAddModule(Name, typeof(DashboardModule).Assembly)) return;
        AddAccessControl(builder);
        // Serve blazor.web.js and the dashboard's css/js from the build output too, not only from a published folder.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        // The forms' antiforgery tokens and the data protection under them, with nothing done at start-up: a fixed
        // cookie name (the default one is a SHA-256 of the app name, which loads OpenSSL) and no key-ring warm-up.
        builder.Services.Configure<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>(options => options.Cookie.Name = AntiforgeryCookie);
        builder.Services.RemoveKeyRingWarmUp();
        // The keys of login sessions and forms, kept where a restart (or a new container) finds them: the image sets
        // /data/keys. Unset: the framework's default place (the user's profile), or memory when there is none.
        if (builder.Configuration["Dashboard:KeysDirectory"] is { Length: > 0 } keys)
            builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keys));
        builder.Services.AddSingleton<DeferredEndpoints>();
        builder.Services.AddSingleton<IModuleWarmUp>(services => services.GetRequiredService<DeferredEndpoints>());
        builder.Services.AddSingleton<ApiCallCounter>();
        builder.Services.AddScoped<ViewerLocale>();
        builder.Services.AddScoped<DashboardUser>();
        builder.Services.AddHttpContextAccessor(); // the user of a plain request (an export), where no circuit knows it
        builder.Services.AddTransient<OwedWorkApi>();
        builder.Services.AddTransient<OverviewApi>();
        builder.Services.AddTransient<AuditApi>();
        builder.Services.AddTransient<OrderStoryApi>();
        builder.Services.AddModuleOptions<LiveOptions>(builder.Configuration, LiveOptions.Section);
        builder.Services.AddSingleton<ChangeFeed>();
        builder.Services.AddScoped<LiveUpdates>();
        builder.Services.AddTransient<ActiveFaultsApi>();
        foreach (var client in new[]
                 {
                     // Its own key: Services:Orders:TimeoutSeconds is Payments' webhook budget, not the dashboard's.
                     builder.Services.AddServiceClient<OrdersApi>(builder.Configuration, Name, "Orders", TimeSpan.FromSeconds(60), "Dashboard:TimeoutSeconds"),
                     builder.Services.AddServiceClient<PaymentsApi>(builder.Configuration, Name, "Payments", TimeSpan.FromSeconds(30), "Dashboard:TimeoutSeconds"),
                     builder.Services.AddServiceClient<NotificationsApi>(builder.Configuration, Name, "Notifications", TimeSpan.FromSeconds(30), "Dashboard:TimeoutSeconds"),
                 })
            client.AddHttpMessageHandler<ApiCallCounter.Handler>();
        builder.Services.TryAddTransient<ApiCallCounter.Handler>();
    }

    public static void UseDashboardModule(this WebApplication app)
    {
        if (app.Services.GetRequiredService<ModuleRegistry>().Modules.All(m => m.Name != Name)) return;
        // One group, so the page, its hub and its static files all answer on the dashboard's port only (D2).
        var access = app.Services.GetRequiredService<IOptions<DashboardAccess>>().Value;
        LogAccess(app, access);
        var modules = app.Services.GetRequiredService<ModuleRegistry>();
        app.Use((context, next) =>
        {
            if (modules.ModuleAt(context.Connection.LocalPort) == Name) SecurityHeaders.Add(context.Response);
            return next(context);
        });
        if (access.Mode == DashboardAccessMode.Login)
        {
            app.UseAuthentication();
            app.UseAuthorization();
            // A page's role (RequiresRole) holds for a direct request too, not only in the router of a signed-in circuit.
            app.Use((context, next) =>
                context.GetEndpoint()?.Metadata.GetMetadata<RequiresRoleAttribute>() is { } needs && DashboardUser.From(context.User).Role < needs.Role
                    ? Results.Text("Your role may not open this page.", statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context)
                    : next(context));
        }
        // Acts only on the endpoints that ask for it: the dashboard's forms and its login, so only its port needs it.
        app.UseWhenFirstNeeded(context => modules.ModuleAt(context.Connection.LocalPort) == Name, dashboard => dashboard.UseAntiforgery());

        app.Services.GetRequiredService<DeferredEndpoints>().MapOnceStarted(app, endpoints =>
        {
            // The interactive circuit is one long-lived request: the API request timeout does not apply to it.
            var dashboard = endpoints.MapModuleGroup(Name, "/").ExcludeFromDescription();
            dashboard.DisableRequestTimeout();
            if (access.Mode == DashboardAccessMode.Login)
            {
                // Every page, its hub and its files; only /login is open (and /health, which is not part of the group).
                dashboard.RequireAuthorization();
                LoginEndpoints.Map(dashboard);
            }
            CsvExport.Map(dashboard);
            dashboard.MapStaticAssets();
            dashboard.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        });
    }

    /// <summary>
    /// Secure by default: no credentials → this machine only (loopback); a password → every interface behind a login;
    /// Dashboard:AllowAnonymous=true → every interface without one, by explicit choice.
    /// </summary>
    private static void AddAccessControl(WebApplicationBuilder builder)
    {
        var access = builder.Services.AddModuleOptions<DashboardAccess>(builder.Configuration, DashboardAccess.Section);
        if (access.Mode == DashboardAccessMode.LoopbackOnly) builder.ListenOnLoopbackOnly(Name);
        if (access.Mode != DashboardAccessMode.Login) return;

        builder.Services.AddSingleton(_ => new DashboardUsers(access));
        builder.Services.AddSingleton(services => new FailureThrottle(services.GetRequiredService<TimeProvider>(), TimeSpan.FromSeconds(2),
            access.LockoutAfterFailures, TimeSpan.FromMinutes(access.LockoutMinutes)));
        builder.Services.AddAuthorization();
        var authentication = builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.LoginPath = "/login";
            cookie.LogoutPath = "/logout";
            cookie.Cookie.Name = ".Ecommerce.Admin";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(access.SessionMinutes);
        });
        if (!access.Oidc.Enabled) return;
        authentication.AddOpenIdConnect(DashboardOidc.Scheme, _ => { });
        builder.Services.AddOptions<OpenIdConnectOptions>(DashboardOidc.Scheme).Configure<ILoggerFactory>((options, loggers) =>
            DashboardOidc.Configure(options, access.Oidc, loggers.CreateLogger("Ecommerce.Dashboard.Login")));
    }

    private static void LogAccess(WebApplication app, DashboardAccess access)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Ecommerce.Dashboard.Access");
        switch (access.Mode)
        {
            case DashboardAccessMode.LoopbackOnly:
                log.LogWarning("Dashboard: no admin password is set, so it listens on this machine only (127.0.0.1, ::1). " +
                               "Set Dashboard:AdminPassword or Dashboard:AdminPasswordHash to open it to the network behind a login " +
                               "(or Dashboard:AllowAnonymous=true on a private network).");
                break;
            case DashboardAccessMode.Anonymous:
                log.LogWarning("Dashboard: Dashboard:AllowAnonymous=true, so anyone who can reach its port can use it without signing in.");
                break;
            default:
                log.LogInformation("Dashboard: every page needs the admin password (sessions end after {Minutes} idle minutes).", access.SessionMinutes);
                break;
        }
    }
}
