using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ecommerce.Bench;

// dotnet run -c Release --project bench/Ecommerce.Bench -- orders|floor|ab|original|overview|import|burst|startup|delivery [--runs 5] [--baseline HOST_DLL] [--clients 32 | --rate ORDERS_PER_S] [--duration 30] [--warmup 20] [--log-level Information] [--env KEY=VALUE] [--otel] [--auth] [--signed-webhooks] [--ready-to-run] [--provider Postgres --connection-string CS]
var options = Options.Parse(args);
if (options.Scenario is not ("orders" or "floor" or "ab" or "original" or "overview" or "import" or "burst" or "startup" or "delivery"))
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Ecommerce.Bench -- orders|floor|ab|original|overview|import|burst|startup|delivery [--clients N] [--duration S] [--warmup S] [--orders N] [--log-level L] [--env K=V]");
    return 2;
}

var root = FindRepositoryRoot();
// --host PATH runs an already built Ecommerce.Host.dll instead (e.g. an earlier commit's, for an A/B comparison).
var hostDll = options.HostDll;
if (hostDll is null)
{
    Console.WriteLine(options.ReadyToRun ? "Publishing src/Host as the container holds it (deploy/publish.sh; the first time ~5 min) ..." : "Building src/Host (Release) ...");
    hostDll = Builds.Host(root, options.ReadyToRun);
}
if (options.Scenario is "floor" or "ab")
{
    // ab: this build (--host, or the sources built) against another (--baseline DLL), alternated, the same table.
    if (options.Scenario == "ab" && options.BaselineDll is null)
    {
        Console.Error.WriteLine("ab needs --baseline HOST_DLL (e.g. an earlier commit's build)");
        return 2;
    }
    return await FloorScenario.RunAsync(root, hostDll, options, options.Runs ?? 2, options.Scenario == "ab" ? options.BaselineDll : null);
}
if (options.Scenario == "original") return await OriginalScenario.RunAsync(root, hostDll, options, options.Runs ?? 2);
if (options.Scenario == "overview") return await OverviewScenario.RunAsync(hostDll, options with { Orders = args.Contains("--orders") ? options.Orders : 100_000 });
if (options.Scenario == "import") return await ImportScenario.RunAsync(hostDll, options, args.Contains("--smtp"));
if (options.Scenario == "delivery")
    return await DeliveryScenario.RunAsync(hostDll, options,
        TimeSpan.FromMilliseconds(args.Contains("--latency-ms") ? int.Parse(args[Array.IndexOf(args, "--latency-ms") + 1], CultureInfo.InvariantCulture) : 0));
if (options.Scenario == "startup")
    return await StartupScenario.RunAsync(root, hostDll, options.ReadyToRun, options.Runs ?? 5, options.BaselineDll);
if (options.Scenario == "burst")
    return await BurstScenario.RunAsync(hostDll, options with { Clients = args.Contains("--clients") ? options.Clients : 8 },
        args.Contains("--orders") ? options.Orders : 200);
// --auth: API authentication on (an admin API key the load sends, a service key); --signed-webhooks: Payments signs, Orders checks.
var auth = args.Contains("--auth") || args.Contains("--signed-webhooks") ? new ApiAuthSettings(args.Contains("--auth"), args.Contains("--signed-webhooks")) : null;
// --otel: OpenTelemetry on, exporting traces and metrics to a local sink that drops them.
await using var sink = args.Contains("--otel") ? new OtlpSink() : null;
// --smtp: every confirmation email delivered over SMTP to a local sink (delivery is off the request path: this measures that).
await using var smtp = args.Contains("--smtp") ? new SmtpSink() : null;
await using var host = await HostProcess.StartAsync(hostDll, new Dictionary<string, string>
{
    // Raised so every order really completes the chain, confirmation email included (the default 10/s would refuse most).
    ["Notifications:RateLimitPerSecond"] = "1000000",
    ["Serilog:MinimumLevel:Default"] = options.LogLevel,
}.Concat(options.Environment).Concat(sink?.HostSettings ?? []).Concat(auth?.HostSettings ?? []).Concat(smtp?.HostSettings ?? []).ToDictionary());
Console.WriteLine($"Host ready on all four ports {host.ReadyAfter.TotalMilliseconds:0} ms after process start (fresh data directory, migrations included)");

using var http = LoadDriver.Client();
if (auth is { Keys: true }) http.DefaultRequestHeaders.Add("X-API-Key", auth.Key);
var run = await ChainLoad.RunAsync(host, options, http);
(var baseline, var orders, var measured, var hostCpu, var benchCpu, var peakRss, var counts, _) = run;

// Afterwards: every measured order must be paid and have its ORDER_CONFIRMATION stored.
var confirmed = new HashSet<int>();
for (var skip = 0; ; skip += 100)
{
    var page = await http.GetFromJsonAsync<JsonArray>(host.Url("Notifications", $"/api/v1/notifications/?template_name=ORDER_CONFIRMATION&skip={skip}&limit=100"));
    foreach (var n in page!) confirmed.Add((int)n!["order_id"]!);
    if (page.Count < 100) break;
}
var paid = measured.Count(o => o.Status == "paid");
var paidAndConfirmed = measured.Count(o => o.Status == "paid" && confirmed.Contains(o.Id));

var report = new StringBuilder();
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Scenario: POST /api/v1/orders/ through the whole chain (order → payment → webhook → confirmation email), {(options.Rate is { } rate ? $"{rate:0} a second (open loop)" : $"{options.Clients} clients")}, log level {options.LogLevel}");
report.AppendLine(CultureInfo.InvariantCulture, $"{"",-28}{"req/s",10}{"p50 ms",10}{"p99 ms",10}{"errors",10}");
report.AppendLine(Row("baseline GET /health", baseline));
report.AppendLine(Row("POST /orders (full chain)", orders));
report.AppendLine(CultureInfo.InvariantCulture, $"orders/s ÷ health req/s:    {orders.PerSecond / baseline.PerSecond:0.000}");
report.AppendLine(CultureInfo.InvariantCulture, $"orders paid:                {paid}/{measured.Count} ({100.0 * paid / Math.Max(1, measured.Count):0.0} %)");
report.AppendLine(CultureInfo.InvariantCulture, $"paid and confirmed:         {paidAndConfirmed}/{measured.Count} ({100.0 * paidAndConfirmed / Math.Max(1, measured.Count):0.0} %)");
report.AppendLine(CultureInfo.InvariantCulture, $"ready after start:          {host.ReadyAfter.TotalMilliseconds:0} ms");
report.AppendLine(CultureInfo.InvariantCulture, $"host peak RSS:              {peakRss:0} MiB");
report.AppendLine(CultureInfo.InvariantCulture, $"host CPU per order:         {hostCpu.TotalMilliseconds / Math.Max(1, measured.Count):0.00} ms ({hostCpu.TotalSeconds / options.Duration.TotalSeconds:0.00} cores busy)");
report.AppendLine(CultureInfo.InvariantCulture, $"load and sinks CPU per order:{benchCpu.TotalMilliseconds / Math.Max(1, measured.Count),6:0.00} ms (this process: the clients, and the SMTP/OTLP sinks when on)");
report.AppendLine(CultureInfo.InvariantCulture, $"system calls, context switches per order (perf stat): {run.KernelPerOrder}");
report.AppendLine(CultureInfo.InvariantCulture, $"per order, counted by the host's runtime:{CounterReading.Header}");
report.AppendLine(CultureInfo.InvariantCulture, $"{"",40}{counts.PerOrder(measured.Count)}  (commits: {counts.CommitsPerOrder(measured.Count)})");
report.AppendLine(CultureInfo.InvariantCulture, $"OpenTelemetry:              {(sink is null ? "off" : "on, " + sink.Summary)}");
report.AppendLine(CultureInfo.InvariantCulture, $"API auth:                   {(auth is { Keys: true } ? "on" : "off")}");
report.AppendLine(CultureInfo.InvariantCulture, $"signed webhooks:            {(auth is { Webhooks: true } ? "on" : "off")}");
report.AppendLine(CultureInfo.InvariantCulture, $"SMTP delivery:              {(smtp is null ? "off (logged)" : $"on, {smtp.Messages} emails at the sink over {smtp.Connections} connection(s)")}");
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
