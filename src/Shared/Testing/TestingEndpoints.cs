using Ecommerce.Shared.Errors;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Json;
using Ecommerce.Shared.Persistence;
using Ecommerce.Shared.Security;
using Microsoft.Extensions.Options;

namespace Ecommerce.Shared.Testing;

/// <summary>
/// With <c>Testing:Enabled=true</c>, on every port beside /health (not part of the API documents):
/// <list type="bullet">
/// <item><c>POST /testing/reset</c> → 204: the port's module emptied (tables, ids from 1, outbox, idempotency keys, rate-limit
/// window, its faults); on the dashboard's port every module this process runs. Resets run one at a time, with no API request in flight (<see cref="RequestGate"/>).</item>
/// <item><c>POST /testing/faults</c> → 201 with the fault; <c>GET</c> lists them; <c>DELETE</c> clears them (204). A fault makes
/// the module answer its own matching API requests with an error status and a <c>{"detail"}</c>, a delay, or a dropped
/// connection, so the rest of the chain reacts as it would to the real thing.</item>
/// </list>
/// </summary>
public static class TestingEndpoints
{
    public static TestingMode AddTesting(this WebApplicationBuilder builder)
    {
        var mode = builder.Services.AddModuleOptions<TestingMode>(builder.Configuration, TestingMode.Section);
        if (mode.Enabled) builder.Services.AddSingleton<FaultStore>();
        return mode;
    }

    /// <summary>
    /// Before everything that reads a request (after the <see cref="RequestGate"/>, so a reset never deletes rows under
    /// one), so a fault costs the module nothing but the answer it fakes.
    /// </summary>
    internal static void UseFaults(this WebApplication app, ModuleRegistry modules)
    {
        if (!app.Services.GetRequiredService<IOptions<TestingMode>>().Value.Enabled) return;
        var faults = app.Services.GetRequiredService<FaultStore>();
        var clock = app.Services.GetRequiredService<TimeProvider>();
        app.Use(async (context, next) =>
        {
            if (!faults.Any
                || !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                || modules.ModuleAt(context.Connection.LocalPort) is not { } module
                || faults.Take(module, context.Request.Method, context.Request.Path) is not { } fault)
            {
                await next(context);
                return;
            }
            switch (fault.Mode)
            {
                case FaultSpec.Error:
                    await ErrorBody.WriteAsync(context, fault.Status, $"Injected fault: {module} answers {fault.Status} (POST /testing/faults)");
                    return;
                case FaultSpec.Drop:
                    context.Abort();
                    return;
                default:
                    try
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(fault.DelayMs), clock, context.RequestAborted);
                    }
                    catch (OperationCanceledException)
                    {
                        return; // the caller gave up waiting, as a real slow module would see it
                    }
                    await next(context);
                    return;
            }
        });
    }

    internal static void MapTesting(this WebApplication app, ModuleRegistry modules)
    {
        if (!app.Services.GetRequiredService<IOptions<TestingMode>>().Value.Enabled) return;
        app.Logger.LogWarning(
            "Testing:Enabled is on: every port answers POST /testing/reset (deletes all data) and /testing/faults. Never enable it in production.");
        // The dashboard's port stands for every module this process runs.
        IReadOnlyList<string> Targets(HttpContext context) => modules.ModuleAt(context.Connection.LocalPort) is { } module && module != "Dashboard"
            ? [module]
            : modules.Modules.Select(m => m.Name).ToList();
        var faults = app.Services.GetRequiredService<FaultStore>();

        var testing = app.MapGroup("/testing").ExcludeFromDescription().RequireScope(ApiScopes.Admin);
        var gate = app.Services.GetRequiredService<RequestGate>();
        var databases = app.Services.GetRequiredService<ModuleDatabases>();
        testing.MapPost("/reset", async (HttpContext context, IEnumerable<IModuleReset> resets, CancellationToken ct) =>
        {
            var targets = Targets(context);
            await databases.AllReady.WaitAsync(ct);   // a reset right after start: the tables exist first
            await gate.ExclusiveAsync(async () =>
            {
                foreach (var reset in resets.Where(r => targets.Contains(r.Module))) await reset.ResetAsync(ct);
                foreach (var module in targets) faults.Clear(module);
            }, ct);
            return Results.NoContent();
        });
        testing.MapPost("/faults", (FaultSpec spec, HttpContext context) =>
            modules.ModuleAt(context.Connection.LocalPort) is { } module && module != "Dashboard"
                ? Wire.Status(faults.Add(module, spec), StatusCodes.Status201Created)
                : throw ApiError.BadRequest("Faults are set on the port of the module that should fail (Orders, Payments or Notifications)"));
        testing.MapGet("/faults", (HttpContext context) => Wire.Ok(Targets(context).SelectMany(faults.List).ToList()));
        testing.MapDelete("/faults", (HttpContext context) =>
        {
            foreach (var module in Targets(context)) faults.Clear(module);
            return Results.NoContent();
        });
    }
}
