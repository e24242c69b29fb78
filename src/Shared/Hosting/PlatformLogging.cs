using Ecommerce.Shared.Persistence;
using Ecommerce.Shared.Security;
using Serilog;
using Serilog.AspNetCore;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Ecommerce.Shared.Hosting;

/// <summary>Structured JSON logs: one line per request (module, port, status, elapsed, order id: see OrderLog) and per cross-module call.</summary>
internal static class PlatformLogging
{
    public static void Configure(LoggerConfiguration logger, IConfiguration configuration) => logger
        .MinimumLevel.Information()
        .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
        .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
        .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
        // The sinks' assemblies named here, so reading the Serilog section does not load every Serilog.* assembly shipped.
        .ReadFrom.Configuration(configuration, new Serilog.Settings.Configuration.ConfigurationReaderOptions(
            typeof(ConsoleLoggerConfigurationExtensions).Assembly, typeof(LoggerConfigurationAsyncExtensions).Assembly))
        .Enrich.FromLogContext()
        .WriteTo.Sink(new JsonLinesSink(new RenderedCompactJsonFormatter()));

    public static void ConfigureRequestLogging(RequestLoggingOptions options, ModuleRegistry modules)
    {
        options.MessageTemplate = "{Module:l} HTTP {RequestMethod:l} {RequestPath:l} responded {StatusCode} in {Elapsed:0.0} ms";
        // A live dashboard asks each module for its change marker every second: a successful poll is not worth a line.
        options.GetLevel = (http, _, exception) => exception is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
            : ChangesRoute.IsPoll(http) && http.Response.StatusCode < 400 ? LogEventLevel.Verbose : LogEventLevel.Information;
        options.EnrichDiagnosticContext = (diagnostics, http) =>
        {
            diagnostics.Set("Module", modules.ModuleAt(http.Connection.LocalPort) ?? "none");
            diagnostics.Set("Port", http.Connection.LocalPort);
            // Who made it, once API authentication, a dashboard user or the dashboard's sign-in named them; never the credential.
            if (http.RequestServices?.GetService<Actor>()?.Name is { } actor && actor is not (Actor.Anonymous or Actor.System)) diagnostics.Set("Caller", actor);
            else if (http.User.Identity is { IsAuthenticated: true, Name: { } caller }) diagnostics.Set("Caller", caller);
        };
    }
}
