using System.Security.Claims;
using Ecommerce.Shared.Errors;
using Ecommerce.Shared.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Serilog.Context;

namespace Ecommerce.Shared.Security;

/// <summary>
/// Opt-in API authentication (<see cref="ApiAuthSettings"/>): once on, every route that declares a
/// <see cref="RequiredScope"/> (all of <c>/api/v1</c> and the testing routes) needs a caller holding that scope: an API
/// key (<c>X-API-Key</c>, or <c>Authorization: Bearer</c>), a calling module's credential (<see cref="ServiceCredentials"/>)
/// or a JWT from the configured identity provider. None or a wrong one: 401 <c>{"detail":"Not authenticated"}</c>; the
/// wrong scope: 403 <c>{"detail":"Not enough permissions"}</c> (FastAPI's security classes' words). An <c>/api</c> route that
/// declares no scope needs <c>admin</c>: a route someone forgot to declare is closed, not open.
/// </summary>
public static class ApiAuthentication
{
    public const string KeyHeader = "X-API-Key";

    /// <param name="builder">The host being built.</param>
    /// <param name="modules">Which modules this process runs (another process runs the rest: a service key is then required).</param>
    /// <param name="testing">The testing routes are on: the dashboard's credential may read them.</param>
    public static void AddApiAuthentication(this WebApplicationBuilder builder, ModuleRegistry modules, bool testing)
    {
        var configuration = builder.Configuration;
        var split = ModuleRegistry.DefaultPorts.Keys.Any(module => !modules.IsEnabled(module))
                    || configuration.GetSection("Services").GetChildren().Any(service => !string.IsNullOrWhiteSpace(service["BaseUrl"]));
        var options = builder.Services.AddModuleOptions<ApiAuthOptions>(configuration, ApiAuthOptions.Section);
        var settings = ApiAuthSettings.Of(options, jwt: configuration.GetSection(ApiAuthSettings.JwtSection).GetChildren().Any(), split, testing);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<ApiAuthMetrics>();
        // Authority, ValidIssuer, ValidAudiences, signing keys... bound from Authentication:Schemes:Bearer by the framework.
        if (settings.Jwt) builder.Services.AddAuthentication().AddJwtBearer();
    }

    /// <summary>After routing (the route's scope is endpoint metadata), before anything reads the body.</summary>
    public static void UseApiAuthentication(this WebApplication app, ModuleRegistry modules)
    {
        var settings = app.Services.GetRequiredService<ApiAuthSettings>();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiAuthentication).FullName!);
        if (!settings.Enabled)
        {
            log.LogInformation("API authentication is off: the APIs answer anyone who reaches their ports, as the original did " +
                               "(set Auth:ApiKeys or Authentication:Schemes:Bearer to close them).");
            return;
        }
        log.LogInformation("API authentication is on: {Keys} API key(s), JWT bearer {Jwt:l}; calls between modules use {ServiceKey:l}.",
            settings.KeysByHash.Count, settings.Jwt ? "on" : "off",
            settings.GeneratedServiceKey ? "a key made up by this process" : "credentials derived from Auth:ServiceKey");
        var clock = app.Services.GetRequiredService<TimeProvider>();
        var metrics = app.Services.GetRequiredService<ApiAuthMetrics>();
        var throttle = new FailureThrottle(clock, settings.FailureDelayMax);

        app.Use(async (context, next) =>
        {
            var endpoint = context.GetEndpoint();
            var required = endpoint?.Metadata.GetMetadata<RequiredScope>()?.Scope
                           ?? (endpoint is not null && context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) ? ApiScopes.Admin : null);
            if (required is null)
            {
                await next(context);
                return;
            }
            var module = modules.ModuleAt(context.Connection.LocalPort) ?? "none";
            var address = context.Connection.RemoteIpAddress;
            var caller = await IdentifyAsync(context, settings);
            if (caller is null)
            {
                metrics.Refused(module, "unauthenticated");
                log.LogWarning("{Module:l} refused {Method:l} {Path:l}: no valid credential", module, context.Request.Method, context.Request.Path.Value);
                if (address is not null && throttle.Failed(address).Delay is { } delay && delay > TimeSpan.Zero)
                    await Task.Delay(delay, clock, context.RequestAborted);
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await ErrorBody.WriteAsync(context, StatusCodes.Status401Unauthorized, "Not authenticated");
                return;
            }
            if (address is not null) throttle.Succeeded(address);
            context.User = caller.Principal;
            if (!caller.Has(required))
            {
                metrics.Refused(module, "forbidden");
                log.LogWarning("{Module:l} refused {Method:l} {Path:l} to {Caller:l}: it needs {Scope:l}",
                    module, context.Request.Method, context.Request.Path.Value, caller.Name, required);
                await ErrorBody.WriteAsync(context, StatusCodes.Status403Forbidden, "Not enough permissions");
                return;
            }
            using (LogContext.PushProperty("Caller", caller.Name)) await next(context);
        });
    }

    /// <summary>An API key or module credential (by header, or as a bearer token that is not a JWT), else a JWT when configured.</summary>
    private static async ValueTask<ApiCaller?> IdentifyAsync(HttpContext context, ApiAuthSettings settings)
    {
        var headers = context.Request.Headers;
        string? key = null;
        if (headers.TryGetValue(KeyHeader, out var keys))
        {
            if (keys.Count != 1) return null;
            key = keys.ToString();
        }
        else if (headers.Authorization is { Count: 1 } authorization
                 && authorization.ToString() is var value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = value.AsSpan(7).Trim();
            if (settings.Jwt && token.Count('.') == 2) return await FromTokenAsync(context);
            key = token.ToString();
        }
        if (string.IsNullOrEmpty(key)) return null;
        return settings.Services.Identify(key) ?? settings.KeysByHash.GetValueOrDefault(ApiKeys.Hash(key));
    }

    /// <summary>A token the identity provider signed: its subject names the caller, its <c>scope</c>/<c>scp</c> claims hold the scopes.</summary>
    private static async ValueTask<ApiCaller?> FromTokenAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (!result.Succeeded || result.Principal is not { } principal) return null;
        var subject = principal.FindFirst("sub")?.Value ?? principal.FindFirst(ClaimTypes.NameIdentifier)?.Value
                      ?? principal.FindFirst("client_id")?.Value ?? principal.FindFirst("azp")?.Value ?? "unknown";
        var scopes = principal.Claims
            .Where(c => c.Type is "scope" or "scp" or "http://schemas.microsoft.com/identity/claims/scope")
            .SelectMany(c => ApiCaller.ParseScopes(c.Value));
        return new ApiCaller("token:" + subject, scopes);
    }
}
