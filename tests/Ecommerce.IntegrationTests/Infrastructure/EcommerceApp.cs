using Ecommerce.Shared.Hosting;
using Ecommerce.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.IntegrationTests.Infrastructure;

/// <summary>
/// The product's own test harness (<see cref="EcommerceHost"/>, what client teams use) with what this suite adds: the
/// store of the test's provider (a SQLite directory, or a PostgreSQL database with <c>Database:Provider=Postgres</c>, see
/// <see cref="TestStore"/>), a client per port, no rate limit on emails. Settings override configuration as environment
/// variables would; a null value leaves the host's own default. Testing routes are off unless a test turns them on.
/// </summary>
public sealed class EcommerceApp : IAsyncDisposable
{
    private readonly EcommerceHost _host;
    private readonly List<HttpClient> _clients = [];

    private EcommerceApp(EcommerceHost host, string dataDirectory)
    {
        _host = host;
        DataDirectory = dataDirectory;
        // A module this host does not run keeps its configured port (0 unless fixed), where nothing answers.
        var modules = host.Services.GetRequiredService<ModuleRegistry>();
        OrdersPort = modules.PortOf("Orders");
        PaymentsPort = modules.PortOf("Payments");
        NotificationsPort = modules.PortOf("Notifications");
        DashboardPort = modules.PortOf("Dashboard");
        Orders = Client(OrdersPort);
        Payments = Client(PaymentsPort);
        Notifications = Client(NotificationsPort);
        Dashboard = Client(DashboardPort);
    }

    /// <param name="clock">The host's <see cref="TimeProvider"/> (e.g. a FakeTimeProvider the test advances), else the system's.</param>
    public static async Task<EcommerceApp> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var dataDirectory = ThrowawayDirectory.New();
        settings ??= new Dictionary<string, string?>();
        var store = settings.GetValueOrDefault("Database:SqliteDirectory") ?? dataDirectory;
        var all = new Dictionary<string, string?>
        {
            ["Testing:Enabled"] = null,
            ["Modules:Enabled"] = null,
            ["Notifications:RateLimitPerSecond"] = "100000",
        };
        foreach (var (key, value) in await TestStore.SettingsAsync(store, settings)) all[key] = value;
        foreach (var (key, value) in settings) all[key] = value;
        var host = await EcommerceHost.StartAsync(new EcommerceHostOptions
        {
            Provider = all.GetValueOrDefault("Database:Provider") ?? TestStore.Sqlite,
            SqliteDirectory = store,
            IncludeDashboard = true,
            Clock = clock,
            Settings = all,
        });
        return new EcommerceApp(host, dataDirectory);
    }

    /// <summary>This host's own directory (its SQLite files unless the settings name another), deleted when it stops.</summary>
    public string DataDirectory { get; }
    public int OrdersPort { get; }
    public int PaymentsPort { get; }
    public int NotificationsPort { get; }
    public int DashboardPort { get; }
    public HttpClient Orders { get; }
    public HttpClient Payments { get; }
    public HttpClient Notifications { get; }
    public HttpClient Dashboard { get; }

    /// <summary>A service of the running host (e.g. a counter the dashboard keeps).</summary>
    public T Service<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    public HttpClient Client(int port)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(60),
        };
        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients) client.Dispose();
        await _host.DisposeAsync();
        ThrowawayDirectory.Delete(DataDirectory);
    }
}
