using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.Host;
using Ecommerce.Shared.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Testing;

/// <summary>
/// The whole product (Orders, Payments, Notifications, dashboard) running inside the test process, as an integration test
/// suite needs it: free ports (never 8000–8002), a throwaway store, <c>Testing:Enabled</c> for <see cref="ResetAsync"/>
/// and <see cref="InjectFaultAsync"/>. Several can run side by side. <c>await using</c> stops it and deletes its data.
/// </summary>
public sealed class EcommerceHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _ownDirectory;
    private readonly HttpClient _http = new();

    private EcommerceHost(WebApplication app, string? ownDirectory)
    {
        _app = app;
        _ownDirectory = ownDirectory;
        var modules = app.Services.GetRequiredService<ModuleRegistry>();
        Uri Url(string module) => new($"http://127.0.0.1:{modules.PortOf(module)}/");
        OrdersUrl = Url("Orders");
        PaymentsUrl = Url("Payments");
        NotificationsUrl = Url("Notifications");
        DashboardUrl = modules.IsEnabled("Dashboard") ? Url("Dashboard") : null;
    }

    private IEnumerable<Uri> ApiPorts => [OrdersUrl, PaymentsUrl, NotificationsUrl];

    /// <summary>Base URL of each port; the APIs are under <c>api/v1/</c> (see <see cref="ApiOf"/>).</summary>
    public Uri OrdersUrl { get; }
    public Uri PaymentsUrl { get; }
    public Uri NotificationsUrl { get; }

    /// <summary>The running host's services (e.g. to read a counter a module keeps).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The admin dashboard, when <see cref="EcommerceHostOptions.IncludeDashboard"/> started it.</summary>
    public Uri? DashboardUrl { get; }

    /// <summary><c>http://127.0.0.1:{port}/api/v1/</c> of a module, for a client's BaseAddress.</summary>
    public Uri ApiOf(EcommerceModule module) => new(UrlOf(module), "api/v1/");

    public Uri UrlOf(EcommerceModule module) => module switch
    {
        EcommerceModule.Orders => OrdersUrl,
        EcommerceModule.Payments => PaymentsUrl,
        EcommerceModule.Notifications => NotificationsUrl,
        _ => DashboardUrl ?? throw new InvalidOperationException("Started without the dashboard (EcommerceHostOptions.IncludeDashboard)"),
    };

    /// <summary>Starts the host and returns once every port answers (its databases keep migrating for a moment; requests wait for them).</summary>
    public static async Task<EcommerceHost> StartAsync(EcommerceHostOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EcommerceHostOptions();
        var ownDirectory = options.SqliteDirectory is null && options.Provider == "Sqlite"
            ? ThrowawayDirectory.New()
            : null;
        var settings = new Dictionary<string, string?>
        {
            ["applicationName"] = "Ecommerce.Host",   // the dashboard's static files are found under the product's name
            ["Ports:Orders"] = "0",
            ["Ports:Payments"] = "0",
            ["Ports:Notifications"] = "0",
            ["Ports:Dashboard"] = "0",
            ["Testing:Enabled"] = "true",
            ["Modules:Enabled"] = options.IncludeDashboard ? "all" : "Orders,Payments,Notifications",
            ["Database:Provider"] = options.Provider,
            ["Database:SqliteDirectory"] = options.SqliteDirectory ?? ownDirectory,
            ["Serilog:MinimumLevel:Default"] = options.LogLevel,
        };
        foreach (var (key, value) in options.Settings) settings[key] = value;
        var app = EcommerceApplication.Build(settings.Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}").ToArray(),
            services => { if (options.Clock is { } clock) services.AddSingleton(clock); });
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            // A start refused (a bad setting) leaves no host nor throwaway directory behind.
            await app.DisposeAsync();
            ThrowawayDirectory.Delete(ownDirectory);
            throw;
        }
        return new EcommerceHost(app, ownDirectory);
    }

    /// <summary>Every module emptied: no orders, payments, notifications, owed work, idempotency keys or faults; ids start at 1.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        foreach (var port in ApiPorts)
        {
            using var response = await _http.PostAsync(new Uri(port, "testing/reset"), null, cancellationToken);
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>
    /// The module answers its own matching API requests with the fault (see <see cref="Fault"/>), e.g.
    /// <c>InjectFaultAsync(EcommerceModule.Payments, Fault.Error(500, count: 1))</c>: the next order stays pending with PAYMENT_FAILED.
    /// </summary>
    public async Task<int> InjectFaultAsync(EcommerceModule module, Fault fault, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(UrlOf(module), "testing/faults"), fault.Body(), cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new ArgumentException($"The fault was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}", nameof(fault));
        using var created = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
        return created.RootElement.GetProperty("id").GetInt32();
    }

    /// <summary>Removes every fault of every module.</summary>
    public async Task ClearFaultsAsync(CancellationToken cancellationToken = default)
    {
        foreach (var port in ApiPorts)
        {
            using var response = await _http.DeleteAsync(new Uri(port, "testing/faults"), cancellationToken);
            response.EnsureSuccessStatusCode();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        ThrowawayDirectory.Delete(_ownDirectory);
    }
}

public enum EcommerceModule
{
    Orders,
    Payments,
    Notifications,
    Dashboard,
}

/// <summary>How <see cref="EcommerceHost.StartAsync"/> starts the host.</summary>
public sealed class EcommerceHostOptions
{
    /// <summary><c>Sqlite</c> (default: a throwaway directory), <c>Postgres</c> or <c>SqlServer</c> (with <c>ConnectionStrings:*</c> in <see cref="Settings"/>).</summary>
    public string Provider { get; init; } = "Sqlite";

    /// <summary>Keep SQLite's files here instead of a throwaway directory (e.g. to start again on the same data).</summary>
    public string? SqliteDirectory { get; init; }

    /// <summary>
    /// Also run the admin dashboard (on its own free port). Off by default: a client's tests talk to the APIs, and the
    /// dashboard's static files are only found in a build of this repository, not through the package.
    /// </summary>
    public bool IncludeDashboard { get; init; }

    /// <summary>The host's clock, e.g. a FakeTimeProvider the test moves (retries, leases and timeouts follow it); null: the system's.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>The host's log level; its JSON lines go to standard output.</summary>
    public string LogLevel { get; init; } = "Warning";

    /// <summary>Any other setting, as in appsettings (<c>Notifications:RateLimitPerSecond</c> → <c>"1000"</c>).</summary>
    public Dictionary<string, string?> Settings { get; init; } = [];
}

/// <summary>A fault for <see cref="EcommerceHost.InjectFaultAsync"/>: what the module does to the matching requests.</summary>
public sealed record Fault(string Mode, int? Status = null, int? DelayMs = null, int? Count = null, double? Probability = null,
    string? Method = null, string? Path = null, int? Seed = null)
{
    /// <summary>Answer <paramref name="status"/> with a <c>{"detail"}</c> body.</summary>
    public static Fault Error(int status = 500, int? count = null, string? method = null, string? path = null) =>
        new("error", Status: status, Count: count, Method: method, Path: path);

    /// <summary>Wait, then answer normally.</summary>
    public static Fault Delay(TimeSpan delay, int? count = null, string? method = null, string? path = null) =>
        new("delay", DelayMs: (int)delay.TotalMilliseconds, Count: count, Method: method, Path: path);

    /// <summary>Close the connection without an answer.</summary>
    public static Fault Drop(int? count = null, string? method = null, string? path = null) =>
        new("drop", Count: count, Method: method, Path: path);

    internal Dictionary<string, object> Body()
    {
        var body = new Dictionary<string, object> { ["mode"] = Mode };
        if (Status is { } status) body["status"] = status;
        if (DelayMs is { } delay) body["delay_ms"] = delay;
        if (Count is { } count) body["count"] = count;
        if (Probability is { } probability) body["probability"] = probability;
        if (Method is not null) body["method"] = Method;
        if (Path is not null) body["path"] = Path;
        if (Seed is { } seed) body["seed"] = seed;
        return body;
    }
}
