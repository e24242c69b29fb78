using Ecommerce.Shared.Json;
using Ecommerce.Shared.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ecommerce.Shared.Hosting;

/// <summary>
/// <c>/health/ready</c> on each port, for orchestrators: beside what <c>/health</c> says (the process answers), whether
/// the module can do its work — its database answers, and the dependencies it registered. 200 when ready (also when
/// degraded: e.g. Redis away, the limit is then kept per replica), 503 when not. <c>/health</c> itself stays as the
/// original served it. Built on ASP.NET Core's health checks, each tagged with its module.
/// </summary>
public static class Readiness
{
    /// <summary>A check gets this long; a database that does not answer within it counts as down.</summary>
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static void AddReadinessCheck<TCheck>(this IServiceCollection services, string module, string name)
        where TCheck : class, IHealthCheck =>
        services.AddReadinessCheck(module, name, sp => ActivatorUtilities.GetServiceOrCreateInstance<TCheck>(sp));

    public static void AddReadinessCheck(this IServiceCollection services, string module, string name, Func<IServiceProvider, IHealthCheck> check) =>
        // Names are unique per process, so each carries its module; the answer shows the name alone.
        services.AddHealthChecks().Add(new HealthCheckRegistration($"{module}:{name}", check, HealthStatus.Unhealthy, [module], CheckTimeout));

    internal static void MapReadiness(this WebApplication app, ModuleRegistry modules) =>
        app.MapGet("/health/ready", async (HttpContext context, HealthCheckService checks) =>
            {
                var module = modules.ModuleAt(context.Connection.LocalPort);
                var report = await checks.CheckHealthAsync(check => check.Tags.Contains(module ?? ""), context.RequestAborted);
                var body = new Ready(
                    Word(report.Status),
                    module?.ToLowerInvariant(),
                    report.Entries.ToDictionary(e => e.Key[(e.Key.IndexOf(':') + 1)..], e => e.Value.Description is { Length: > 0 } why ? $"{Word(e.Value.Status)}: {why}" : Word(e.Value.Status)));
                return report.Status == HealthStatus.Unhealthy ? Wire.Status(body, StatusCodes.Status503ServiceUnavailable) : Wire.Ok(body);
            })
            .ExcludeFromDescription();

    private static string Word(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "ok",
        HealthStatus.Degraded => "degraded",
        _ => "unavailable",
    };

    private sealed record Ready(string Status, string? Service, IReadOnlyDictionary<string, string> Checks);
}

/// <summary>The module's schema is migrated and its database answers (a connection opens; on SQLite the file is there to open).</summary>
internal sealed class DatabaseReadyCheck<TContext>(TContext db, Task migrated) : IHealthCheck where TContext : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!migrated.IsCompletedSuccessfully)
            return HealthCheckResult.Unhealthy(migrated.IsCompleted ? "its migrations failed" : "its migrations are still running");
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("the database does not accept a connection");
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy(failure.Message);
        }
    }
}
