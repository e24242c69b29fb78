using System.Globalization;
using System.Text.Json;
using System.Threading.RateLimiting;
using Carter;
using Ecommerce.Shared.Errors;
using Ecommerce.Shared.Idempotency;
using Ecommerce.Shared.Json;
using Ecommerce.Shared.Persistence;
using Ecommerce.Shared.Security;
using Ecommerce.Shared.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Serilog;

namespace Ecommerce.Shared.Hosting;

/// <summary>The plumbing every module shares: ports, wire format, errors, CORS, logging, docs, health.</summary>
public static class Platform
{
    /// <summary>D25: a single-entity body over 1 MiB is refused before it is parsed.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    public static void AddPlatform(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var modules = new ModuleRegistry(configuration);
        builder.Services.AddModuleOptions<DatabaseSettings>(configuration, DatabaseSettings.Section); // a bad provider stops the start here
        var limits = builder.Services.AddModuleOptions<ServerLimits>(configuration, ServerLimits.Section);
        builder.Services.AddModuleOptions<IdempotencySettings>(configuration, IdempotencySettings.Section);
        builder.Services.AddModuleOptions<AuditSettings>(configuration, AuditSettings.Section);
        builder.Services.AddSingleton(new WebhookSigning(builder.Services.AddModuleOptions<WebhookOptions>(configuration, WebhookOptions.Section)));
        builder.Services.AddScoped<Actor>();
        builder.Host.Properties[typeof(ModuleRegistry)] = modules;

        builder.Services.AddSingleton(modules);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ModuleDatabases>();
        builder.Services.AddSingleton<OrderLog>();
        builder.Services.AddSerilog(logger => PlatformLogging.Configure(logger, configuration));
        builder.AddTelemetry();
        var testing = builder.AddTesting();
        builder.AddApiAuthentication(modules, testing.Enabled);
        // On SIGTERM requests in flight get HostOptions:ShutdownTimeout (default 30 s) to finish; what they leave
        // unfinished stays owed in the database.
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(configuration.GetSection("HostOptions"));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
            limits.ApplyTo(kestrel.Limits);
            modules.ListenOn(kestrel);
        });
        builder.Services.ConfigureHttpJsonOptions(options => WireJson.Configure(options.SerializerOptions));
        builder.Services.AddSingleton<MatcherPolicy, ModulePortMatcherPolicy>();
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() is { Length: > 0 } origins
                ? origins
                : ["http://localhost:5173", "http://127.0.0.1:5173"])
            .AllowAnyHeader()
            .AllowAnyMethod()));
        builder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration("Platform:shutdown", sp => sp.GetRequiredService<ShutdownDrain>(), HealthStatus.Unhealthy, ModuleRegistry.DefaultPorts.Keys));
        builder.Services.AddSingleton(sp => new RequestGate(sp.GetRequiredService<ApiAuthSettings>().Services));
        builder.Services.AddModuleOptions<ShutdownOptions>(configuration, ShutdownOptions.Section); // a bad value stops the start, not the stop
        builder.Services.AddSingleton<ShutdownDrain>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ShutdownDrain>());
        builder.Services.AddRateLimiter(options => options.OnRejected = RejectAsync);
        limits.AddRequestTimeouts(builder.Services);
        // Modules register their own ICarterModule types (TryAddModule); Carter only maps them. An explicit catalog: the
        // default one reads the whole deps.json to scan every assembly (60 ms of start-up) for types we never use.
        builder.Services.AddCarter(new DependencyContextAssemblyCatalog([typeof(Platform).Assembly]),
            carter => carter.WithEmptyModules().WithEmptyValidators().WithEmptyResponseNegotiators());
    }

    public static void UsePlatform(this WebApplication app)
    {
        var modules = app.Services.GetRequiredService<ModuleRegistry>();
        app.UseSerilogRequestLogging(options => PlatformLogging.ConfigureRequestLogging(options, modules));
        app.UseMiddleware<ErrorHandlingMiddleware>();
        app.UseRequestGate();
        app.UseFaults(modules);
        // Whatever error status is left without a body (404, 405, 413...) gets the contract's {"detail"} (D9).
        app.UseStatusCodePages(context =>
        {
            var status = context.HttpContext.Response.StatusCode;
            return ErrorBody.WriteAsync(context.HttpContext, status, ReasonPhrases.GetReasonPhrase(status));
        });
        app.UseCors();
        app.Use((context, next) =>
        {
            // FastAPI served its document at /openapi.json on each service; here each port serves its module's.
            if (context.Request.Path == "/openapi.json" && modules.ModuleAt(context.Connection.LocalPort) is { } module)
                context.Request.Path = $"/openapi/{module.ToLowerInvariant()}.json";
            return next(context);
        });
        // As FastAPI served them: Swagger UI at /docs, ReDoc at /redoc, on each port for its module's document. Only
        // their own requests go through these middlewares, not every API call, and they are built on the first such request.
        app.UseWhenFirstNeeded(context => context.Request.Path.StartsWithSegments("/docs", StringComparison.OrdinalIgnoreCase), docs => docs.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = "docs";
            ui.SwaggerEndpoint("/openapi.json", "API");
        }));
        app.UseWhenFirstNeeded(context => context.Request.Path.StartsWithSegments("/redoc", StringComparison.OrdinalIgnoreCase), redoc => redoc.UseReDoc(options =>
        {
            options.RoutePrefix = "redoc";
            options.SpecUrl = "/openapi.json";
        }));
        var warmUps = app.Services.GetServices<IModuleWarmUp>().ToDictionary(w => w.Module);
        if (warmUps.Count > 0)
            app.Use(async (context, next) =>
            {
                // Before routing: what the module warms up may be endpoints the request is to be matched against.
                if (modules.ModuleAt(context.Connection.LocalPort) is { } module && warmUps.TryGetValue(module, out var warmUp)
                    && !warmUp.Done.IsCompleted && !context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
                    await warmUp.Done.WaitAsync(context.RequestAborted);
                await next(context);
            });
        app.UseRouting();
        // Who calls, before anything reads the body: a stranger's request costs its headers only.
        app.UseApiAuthentication(modules);
        app.Use(BodySizeLimit.Apply);
        // Whose work this request is, for the audit rows its changes write and its log line (Actor.Of).
        var credentials = app.Services.GetRequiredService<ApiAuthSettings>().Services;
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                context.RequestServices.GetRequiredService<Actor>().Name = Actor.Of(context, credentials);
            return next(context);
        });
        // A signed webhook's signature is checked before anything else reads its body (within the size limit).
        app.Use(SignedWebhooks.Verify);
        // A module's API answers once its database is migrated (they migrate in the background while the ports listen).
        // After the size check: a body over the limit is refused at once, before its sender starts streaming it.
        var databases = app.Services.GetRequiredService<ModuleDatabases>();
        app.Use(async (context, next) =>
        {
            var ready = databases.Ready(modules.ModuleAt(context.Connection.LocalPort));
            if (!ready.IsCompleted && context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)) await ready.WaitAsync(context.RequestAborted);
            await next(context);
        });
        app.UseRequestTimeouts();
        app.Use(IdempotencyKeys.Apply);
        app.UseRateLimiter();
    }

    public static void MapPlatform(this WebApplication app)
    {
        var modules = app.Services.GetRequiredService<ModuleRegistry>();
        var reports = app.Services.GetServices<IHealthReport>().ToList();
        app.MapGet("/health", (HttpContext context) =>
            {
                var module = modules.ModuleAt(context.Connection.LocalPort);
                var details = reports.Where(r => r.Module == module).SelectMany(r => r.Details()).ToDictionary();
                return WriteHealthAsync(context.Response, module?.ToLowerInvariant(), details);
            })
            .ExcludeFromDescription();
        app.MapReadiness(modules);
        app.MapTesting(modules);
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapCarter();
    }

    /// <summary>Every API request passes the <see cref="RequestGate"/>: counted while in flight, refused once the process shuts down.</summary>
    private static void UseRequestGate(this WebApplication app)
    {
        var gate = app.Services.GetRequiredService<RequestGate>();
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                await next(context);
                return;
            }
            // The connection stays open: when the port closes, a client's next request on it fails before any answer,
            // which HTTP clients retry on a new connection and find refused (nothing was done), instead of a reset.
            if (!await gate.EnterAsync(context))
            {
                context.Response.Headers.RetryAfter = "1";
                await ErrorBody.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Service is shutting down");
                return;
            }
            try
            {
                await next(context);
            }
            finally
            {
                gate.Exit();
            }
        });
    }

    /// <summary>D22: 429 with the limiter's own message and a whole-second Retry-After of at least 1.</summary>
    private static ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var detail = context.Lease.TryGetMetadata(MetadataName.ReasonPhrase, out var reason) ? reason : "Too Many Requests";
        return new ValueTask(ErrorBody.WriteAsync(http, StatusCodes.Status429TooManyRequests, detail ?? "Too Many Requests"));
    }

    /// <summary>
    /// <c>{"status":"ok","service":"orders"}</c> (plus <c>details</c> when a module reports some), written by hand: what a
    /// starting host is polled for should not first build the serializer's metadata (~10–20 ms of a fresh process).
    /// </summary>
    private static async Task WriteHealthAsync(HttpResponse response, string? service, Dictionary<string, string> details)
    {
        response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(response.BodyWriter, new JsonWriterOptions { Encoder = WireJson.Options.Encoder });
        json.WriteStartObject();
        json.WriteString("status", "ok");
        json.WriteString("service", service);
        if (details.Count > 0)
        {
            json.WriteStartObject("details");
            foreach (var (name, state) in details) json.WriteString(name, state);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }
}
