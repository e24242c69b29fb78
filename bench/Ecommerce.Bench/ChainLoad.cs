using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace Ecommerce.Bench;

/// <summary>What one measured window of orders did: throughput and latency, CPU on both sides, and the host's own counts.</summary>
internal sealed record ChainRun(LoadResult Health, LoadResult Orders, IReadOnlyList<(int Id, string Status)> Created, TimeSpan HostCpu,
    TimeSpan LoadCpu, double PeakRssMiB, CounterReading Counts, (double Syscalls, double Switches)? Kernel)
{
    /// <summary>System calls and context switches per order (perf stat), or a dash without perf.</summary>
    public string KernelPerOrder => Kernel is var (calls, switches)
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{calls / Math.Max(1, Orders.Requests),9:0.0}{switches / Math.Max(1, Orders.Requests),9:0.0}")
        : $"{"-",9}{"-",9}";

    public double HostCpuPerOrderMs => HostCpu.TotalMilliseconds / Math.Max(1, Created.Count);
    public double LoadCpuPerOrderMs => LoadCpu.TotalMilliseconds / Math.Max(1, Created.Count);
}

/// <summary>
/// The orders load, the same against the product and against the floor: a warm-up of orders and /health (tiered JIT
/// settles), then /health alone as the machine's yardstick, then POST /api/v1/orders/ from the clients for the duration,
/// with CPU and the host's counts (commits, allocations, log lines, connections) read around that window.
/// </summary>
internal static class ChainLoad
{
    public static readonly byte[] OrderBody = """
        {"customer_email":"tanaka@example.co.jp","customer_name":"田中太郎","items":[
         {"product_name":"ノートPC","quantity":2,"unit_price":89800.0},{"product_name":"マウス","quantity":1,"unit_price":3500.0}],"currency":"JPY"}
        """u8.ToArray();

    public static async Task<ChainRun> RunAsync(HostProcess host, Options options, HttpClient http)
    {
        var orderUrl = host.Url("Orders", "/api/v1/orders/");
        var healthUrl = host.Url("Orders", "/health");
        var created = new ConcurrentBag<(int Id, string Status)>();
        Task<bool> PostOrder(HttpClient client, bool record) => PostOrderAsync(client, orderUrl, record ? created : null);

        async Task<bool> GetHealth(HttpClient client)
        {
            using var response = await client.GetAsync(healthUrl);
            return response.IsSuccessStatusCode;
        }

        Console.WriteLine($"Warm-up: {options.Warmup.TotalSeconds:0} s of orders and of /health, {options.Clients} clients (tiered JIT settles)");
        await LoadDriver.RunAsync(http, options.Clients, options.Warmup / 2, c => PostOrder(c, record: false));
        await LoadDriver.RunAsync(http, options.Clients, options.Warmup / 2, GetHealth);

        Console.WriteLine($"Measuring: {options.Duration.TotalSeconds:0} s each");
        var health = await LoadDriver.RunAsync(http, options.Clients, options.Duration, GetHealth);
        using var counters = ProcessCounters.Start(host);
        var countsBefore = await counters.ReadAsync();
        var hostCpuBefore = host.CpuUsed();
        var loadCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var perf = PerfStat.Start(host.ProcessId, options.Duration);
        var orders = options.Rate is { } rate
            ? await LoadDriver.RunAtRateAsync(http, rate, options.Duration, c => PostOrder(c, record: true))
            : await LoadDriver.RunAsync(http, options.Clients, options.Duration, c => PostOrder(c, record: true));
        var kernel = await perf.ResultAsync();
        var hostCpu = host.CpuUsed() - hostCpuBefore;
        var loadCpu = Process.GetCurrentProcess().TotalProcessorTime - loadCpuBefore;
        var peakRss = host.PeakRssMiB();
        var counts = await counters.ReadAsync() - countsBefore; // a second later: the orders' trailing work (emails by the worker) included
        return new ChainRun(health, orders, created.ToList(), hostCpu, loadCpu, peakRss, counts, kernel);
    }

    /// <summary>One order through the chain: true on a 201; its id and status added to <paramref name="created"/> when given.</summary>
    public static async Task<bool> PostOrderAsync(HttpClient client, string orderUrl, ConcurrentBag<(int Id, string Status)>? created)
    {
        using var content = new ByteArrayContent(OrderBody);
        content.Headers.ContentType = new("application/json");
        using var response = await client.PostAsync(orderUrl, content);
        if (response.StatusCode != HttpStatusCode.Created) return false;
        if (created is not null)
        {
            var order = JsonNode.Parse(await response.Content.ReadAsStreamAsync())!;
            created.Add(((int)order["id"]!, (string)order["status"]!));
        }
        return true;
    }
}
