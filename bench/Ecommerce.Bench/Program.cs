using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ecommerce.Bench;

// dotnet run -c Release --project bench/Ecommerce.Bench -- orders|import|burst|startup [--runs 5] [--clients 32] [--duration 30] [--warmup 20] [--log-level Information] [--env KEY=VALUE] [--otel] [--ready-to-run] [--provider Postgres --connection-string CS]
var options = Options.Parse(args);
if (options.Scenario is not ("orders" or "import" or "burst" or "startup"))
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Ecommerce.Bench -- orders|import|burst|startup [--clients N] [--duration S] [--warmup S] [--orders N] [--log-level L] [--env K=V]");
    return 2;
}

var root = FindRepositoryRoot();
// --host PATH runs an already built Ecommerce.Host.dll instead (e.g. an earlier commit's, for an A/B comparison).
var hostDll = options.HostDll;
if (hostDll is null)
{
    Console.WriteLine(options.ReadyToRun ? "Publishing src/Host (Release, ReadyToRun) ..." : "Building src/Host (Release) ...");
    hostDll = HostProcess.Build(root, options.ReadyToRun);
}
if (options.Scenario == "import") return await ImportScenario.RunAsync(hostDll, options);
if (options.Scenario == "startup")
    return await StartupScenario.RunAsync(root, hostDll, options.ReadyToRun, args.Contains("--runs") ? int.Parse(args[Array.IndexOf(args, "--runs") + 1], CultureInfo.InvariantCulture) : 5);
if (options.Scenario == "burst")
    return await BurstScenario.RunAsync(hostDll, options with { Clients = args.Contains("--clients") ? options.Clients : 8 },
        args.Contains("--orders") ? options.Orders : 200);
// --otel: OpenTelemetry on, exporting traces and metrics to a local sink that drops them.
await using var sink = args.Contains("--otel") ? new OtlpSink() : null;
await using var host = await HostProcess.StartAsync(hostDll, new Dictionary<string, string>
{
    // Raised so every order really completes the chain, confirmation email included (the default 10/s would refuse most).
    ["Notifications:RateLimitPerSecond"] = "1000000",
    ["Serilog:MinimumLevel:Default"] = options.LogLevel,
}.Concat(options.Environment).Concat(sink?.HostSettings ?? []).ToDictionary());
Console.WriteLine($"Host ready on all four ports {host.ReadyAfter.TotalMilliseconds:0} ms after process start (fresh data directory, migrations included)");

using var http = LoadDriver.Client();
var orderUrl = host.Url("Orders", "/api/v1/orders/");
var healthUrl = host.Url("Orders", "/health");
var created = new ConcurrentBag<(int Id, string Status)>();
var body = """
    {"customer_email":"tanaka@example.co.jp","customer_name":"田中太郎","items":[
     {"product_name":"ノートPC","quantity":2,"unit_price":89800.0},{"product_name":"マウス","quantity":1,"unit_price":3500.0}],"currency":"JPY"}
    """u8.ToArray();

async Task<bool> PostOrder(HttpClient client, bool record)
{
    using var content = new ByteArrayContent(body);
    content.Headers.ContentType = new("application/json");
    using var response = await client.PostAsync(orderUrl, content);
    if (response.StatusCode != HttpStatusCode.Created) return false;
    if (record)
    {
        var order = JsonNode.Parse(await response.Content.ReadAsStreamAsync())!;
        created.Add(((int)order["id"]!, (string)order["status"]!));
    }
    return true;
}

async Task<bool> GetHealth(HttpClient client)
{
    using var response = await client.GetAsync(healthUrl);
    return response.IsSuccessStatusCode;
}

Console.WriteLine($"Warm-up: {options.Warmup.TotalSeconds:0} s of orders and of /health, {options.Clients} clients (tiered JIT settles)");
await LoadDriver.RunAsync(http, options.Clients, options.Warmup / 2, c => PostOrder(c, record: false));
await LoadDriver.RunAsync(http, options.Clients, options.Warmup / 2, GetHealth);

Console.WriteLine($"Measuring: {options.Duration.TotalSeconds:0} s each");
var baseline = await LoadDriver.RunAsync(http, options.Clients, options.Duration, GetHealth);
var orders = await LoadDriver.RunAsync(http, options.Clients, options.Duration, c => PostOrder(c, record: true));
var peakRss = host.PeakRssMiB();

// Afterwards: every measured order must be paid and have its ORDER_CONFIRMATION stored.
var confirmed = new HashSet<int>();
for (var skip = 0; ; skip += 100)
{
    var page = await http.GetFromJsonAsync<JsonArray>(host.Url("Notifications", $"/api/v1/notifications/?template_name=ORDER_CONFIRMATION&skip={skip}&limit=100"));
    foreach (var n in page!) confirmed.Add((int)n!["order_id"]!);
    if (page.Count < 100) break;
}
var measured = created.ToList();
var paid = measured.Count(o => o.Status == "paid");
var paidAndConfirmed = measured.Count(o => o.Status == "paid" && confirmed.Contains(o.Id));

var report = new StringBuilder();
report.AppendLine();
report.AppendLine($"Scenario: POST /api/v1/orders/ through the whole chain (order → payment → webhook → confirmation email), {options.Clients} clients, log level {options.LogLevel}");
report.AppendLine($"{"",-28}{"req/s",10}{"p50 ms",10}{"p99 ms",10}{"errors",10}");
report.AppendLine(Row("baseline GET /health", baseline));
report.AppendLine(Row("POST /orders (full chain)", orders));
report.AppendLine($"orders/s ÷ health req/s:    {orders.PerSecond / baseline.PerSecond:0.000}");
report.AppendLine($"orders paid:                {paid}/{measured.Count} ({100.0 * paid / Math.Max(1, measured.Count):0.0} %)");
report.AppendLine($"paid and confirmed:         {paidAndConfirmed}/{measured.Count} ({100.0 * paidAndConfirmed / Math.Max(1, measured.Count):0.0} %)");
report.AppendLine($"ready after start:          {host.ReadyAfter.TotalMilliseconds:0} ms");
report.AppendLine($"host peak RSS:              {peakRss:0} MiB");
report.AppendLine($"OpenTelemetry:              {(sink is null ? "off" : "on, " + sink.Summary)}");
Console.WriteLine(report.ToString());
return orders.Failures == 0 && paidAndConfirmed == measured.Count ? 0 : 1;

static string Row(string name, LoadResult r) =>
    string.Create(CultureInfo.InvariantCulture, $"{name,-28}{r.PerSecond,10:0}{r.Percentile(0.50),10:0.0}{r.Percentile(0.99),10:0.0}{r.Failures,10}");

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Ecommerce.sln"))) return dir.FullName;
    throw new InvalidOperationException("Run the benchmark from inside the repository");
}

internal sealed record Options(string Scenario, int Clients, TimeSpan Duration, TimeSpan Warmup, string LogLevel, Dictionary<string, string> Environment, int Orders, bool ReadyToRun, string? HostDll)
{
    public static Options Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        return new Options(
            args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "orders",
            int.Parse(Value("--clients", "32"), CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(double.Parse(Value("--duration", "30"), CultureInfo.InvariantCulture)),
            TimeSpan.FromSeconds(double.Parse(Value("--warmup", "20"), CultureInfo.InvariantCulture)),
            Value("--log-level", "Information"),
            // --env KEY=VALUE (repeatable): extra settings or runtime knobs for the host, e.g. --env DOTNET_gcServer=0
            args.Select((a, i) => (a, i)).Where(x => x.a == "--env" && x.i + 1 < args.Length)
                .Select(x => args[x.i + 1].Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1])
                .Concat(Provider(Value("--provider", "Sqlite"), Value("--connection-string", ""))).ToDictionary(),
            int.Parse(Value("--orders", "10000"), CultureInfo.InvariantCulture),
            args.Contains("--ready-to-run"),
            args.Contains("--host") ? Path.GetFullPath(Value("--host", "")) : null);
    }

    /// <summary>
    /// --provider Postgres|SqlServer --connection-string CS: the host on that server database (an empty one: every module
    /// creates its schema), instead of a fresh SQLite directory.
    /// </summary>
    private static Dictionary<string, string> Provider(string provider, string connectionString)
    {
        if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase)) return [];
        if (connectionString.Length == 0) throw new ArgumentException($"--provider {provider} needs --connection-string");
        return new Dictionary<string, string>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Orders"] = connectionString,
            ["ConnectionStrings:Payments"] = connectionString,
            ["ConnectionStrings:Notifications"] = connectionString,
        };
    }
}
