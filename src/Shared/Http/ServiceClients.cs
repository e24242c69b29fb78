using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Security;
using Ecommerce.Shared.Testing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ecommerce.Shared.Http;

/// <summary>
/// Typed clients for calls between modules, always over HTTP so any module can run in its own process.
/// Base URL: <c>Services:{Service}:BaseUrl</c>, else this host's port for that module. Timeout: the caller's own key
/// (<c>timeoutKey</c>; between modules <c>Services:{Service}:TimeoutSeconds</c>, each service having one
/// calling module), else the contract's value passed by the caller. With API authentication on, every call carries the
/// calling module's own credential (<see cref="ServiceCredentials"/>), workers' calls included.
/// </summary>
public static class ServiceClients
{
    public static IHttpClientBuilder AddServiceClient<TClient>(
        this IServiceCollection services, IConfiguration configuration, string caller, string service, TimeSpan contractTimeout, string? timeoutKey = null)
        where TClient : class
    {
        timeoutKey ??= $"Services:{service}:TimeoutSeconds";
        var timeout = configuration.GetValue<double?>(timeoutKey) is { } seconds ? TimeSpan.FromSeconds(seconds) : contractTimeout;
        if (ModuleOptions.Seconds(timeoutKey, timeout.TotalSeconds).FirstOrDefault() is { } problem) throw new InvalidOperationException(problem);
        services.TryAddTransient<CallLoggingHandler>();
        return services
            .AddHttpClient<TClient>((sp, http) =>
            {
                http.BaseAddress = BaseUrl(configuration, sp.GetRequiredService<ModuleRegistry>(), service);
                http.Timeout = timeout;
                // Always the caller's credential: with authentication off the callee lets everyone in, but it still tells
                // a call between modules by it (RequestGate lets those pass while it holds outside requests back) and
                // believes a dashboard user's name only from the dashboard's (Actor.Of).
                http.DefaultRequestHeaders.Add(ApiAuthentication.KeyHeader, sp.GetRequiredService<ApiAuthSettings>().Services.For(caller));
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                UseProxy = false,
                // A call to Payments lasts as long as Payments' own call back to Orders: with 8 connections the payment
                // step held the chain's other steps back (cores idle at saturation). 32 measured 7–24 % more orders a
                // second under 32 clients (docs/benchmarks.md); unlimited, 128 clients took the host to 305 MiB (32: 264).
                MaxConnectionsPerServer = 32,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // CallLoggingHandler writes the one line per call; the factory's own start/end lines and scopes would be extra.
            .RemoveAllLoggers()
            .AddHttpMessageHandler<CallLoggingHandler>()
            .AddCallResilience(service);
    }

    public static Uri BaseUrl(IConfiguration configuration, ModuleRegistry modules, string service)
    {
        var configured = configuration[$"Services:{service}:BaseUrl"];
        var url = string.IsNullOrWhiteSpace(configured) ? $"http://127.0.0.1:{modules.PortOf(service)}/api/v1" : configured;
        // A trailing slash makes relative paths ("payments") append to /api/v1 instead of replacing it.
        return new Uri(url.TrimEnd('/') + "/");
    }
}
