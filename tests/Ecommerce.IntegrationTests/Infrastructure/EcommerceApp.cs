using System.Net;
using System.Net.Sockets;
using Ecommerce.Shared.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.IntegrationTests.Infrastructure;

/// <summary>
/// The real host on real Kestrel: four ports Kestrel picks (never 8000–8002), its own store (a SQLite directory, or a PostgreSQL
/// database with <c>Database:Provider=Postgres</c>, see <see cref="TestStore"/>), real HTTP. Settings override
/// configuration exactly as environment variables would.
/// </summary>
public sealed class EcommerceApp : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;
    private readonly List<HttpClient> _clients = [];

    /// <param name="clock">The host's <see cref="TimeProvider"/> (e.g. a FakeTimeProvider the test advances), else the system's.</param>
    public EcommerceApp(IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "ecommerce-tests", Guid.NewGuid().ToString("N"));
        var all = new Dictionary<string, string?>
        {
            // Kestrel picks each port as it binds (a test may fix one, e.g. to point other hosts at this one first).
            ["Ports:Orders"] = "0",
            ["Ports:Payments"] = "0",
            ["Ports:Notifications"] = "0",
            ["Ports:Dashboard"] = "0",
            ["Notifications:RateLimitPerSecond"] = "100000",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        settings ??= new Dictionary<string, string?>();
        var directory = settings.GetValueOrDefault("Database:SqliteDirectory") ?? DataDirectory;
        foreach (var (key, value) in TestStore.SettingsAsync(directory, settings).GetAwaiter().GetResult()) all[key] = value;
        foreach (var (key, value) in settings) all[key] = value;

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            // null: the setting is left unset (the host's own default), as an environment variable never set.
            foreach (var (key, value) in all)
                if (value is not null) host.UseSetting(key, value);
            if (clock is not null) host.ConfigureServices(services => services.AddSingleton(clock));
        });
        _factory.UseKestrel();
        _factory.StartServer();
        // The ports bound; a module this host does not run keeps its configured port (0 unless fixed), where nothing answers.
        var modules = Service<ModuleRegistry>();
        OrdersPort = modules.PortOf("Orders");
        PaymentsPort = modules.PortOf("Payments");
        NotificationsPort = modules.PortOf("Notifications");
        DashboardPort = modules.PortOf("Dashboard");
        Orders = Client(OrdersPort);
        Payments = Client(PaymentsPort);
        Notifications = Client(NotificationsPort);
        Dashboard = Client(DashboardPort);
    }

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
    public T Service<T>() where T : notnull => _factory.Services.GetRequiredService<T>();

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

    /// <summary>
    /// For what must know its port before it starts (PostgreSQL, Redis, a host in its own process, a URL where nothing
    /// listens): a port no one listens on, below Linux's ephemeral range (32768–60999): a port from that range, freed again, can be
    /// taken by any outgoing connection before the host binds it (seen as "address already in use" on a busy run).
    /// Each port is handed out once per test run.
    /// </summary>
    public static int FreePort()
    {
        while (true)
        {
            var port = FirstPort + Interlocked.Increment(ref _lastPort) % (EphemeralStart - FirstPort);
            try
            {
                using var listener = new TcpListener(Socket.OSSupportsIPv6 ? IPAddress.IPv6Any : IPAddress.Any, port);
                if (Socket.OSSupportsIPv6) listener.Server.DualMode = true;   // as Kestrel binds: [::], IPv4 too
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // in use: the next one
            }
        }
    }

    private const int FirstPort = 20000;
    private const int EphemeralStart = 32768;
    private static int _lastPort = Random.Shared.Next(0, EphemeralStart - FirstPort);

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients) client.Dispose();
        await _factory.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold a pooled handle for a moment; the temp folder is harmless.
        }
    }
}
