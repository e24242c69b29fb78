using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Ecommerce.Bench;

/// <summary>
/// The product against the original's stack re-created (<see cref="OriginalServices"/>), the same order load on both in
/// the same run, alternating (--runs rounds), each in fresh processes and data directories; the notification limit raised
/// on both so every order's confirmation is stored. The figure is the product's orders/s as a multiple of the original's;
/// --baseline adds another build of the host (an earlier commit's) to each round.
/// </summary>
internal static class OriginalScenario
{
    private const int RateLimit = 1_000_000;

    private sealed record Row(string Name, LoadResult Orders, double CpuPerOrderMs, double RssMiB, bool AllPaid, string Checked);

    public static async Task<int> RunAsync(string root, string hostDll, Options options, int runs)
    {
        if (OriginalServices.FindPython() is not { } python)
        {
            Console.Error.WriteLine($"The original's stack needs Python with FastAPI, uvicorn, SQLAlchemy and httpx: {OriginalServices.Install}");
            return 2;
        }
        var app = Path.Combine(root, "bench", "original", "app.py");
        var rows = new List<Row>();
        for (var i = 0; i < runs; i++)
        {
            rows.Add(await MeasureOriginalAsync(python, app, options));
            rows.Add(await MeasureHostAsync("product", hostDll, options));
            if (options.BaselineDll is { } baseline) rows.Add(await MeasureHostAsync("baseline", baseline, options));
        }

        var report = new StringBuilder();
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Scenario: POST /api/v1/orders/ through the whole chain, {options.Clients} clients, {options.Duration.TotalSeconds:0} s each, alternating; the original's stack re-created (bench/original) against the product");
        report.AppendLine(CultureInfo.InvariantCulture, $"{"",-10}{"orders/s",10}{"p50 ms",9}{"p99 ms",9}{"errors",8}{"CPU ms",8}{"RSS MiB",9}  checked");
        foreach (var row in rows)
            report.AppendLine(CultureInfo.InvariantCulture,
                $"{row.Name,-10}{row.Orders.PerSecond,10:0.0}{row.Orders.Percentile(0.50),9:0.0}{row.Orders.Percentile(0.99),9:0.0}{row.Orders.Failures,8}{row.CpuPerOrderMs,8:0.00}{row.RssMiB,9:0}  {row.Checked}");
        double Mean(string name) => rows.Where(r => r.Name == name).Average(r => r.Orders.PerSecond);
        foreach (var build in rows.Select(r => r.Name).Where(n => n != "original").Distinct())
            report.AppendLine(CultureInfo.InvariantCulture, $"{build} ÷ original (mean orders/s): {Mean(build):0} ÷ {Mean("original"):0.0} = {Mean(build) / Mean("original"):0.0}×");
        report.AppendLine("(CPU ms: CPU per order of the measured processes, the original's three added up; RSS MiB: peak, the original's three added up)");
        Console.WriteLine(report.ToString());
        return rows.All(r => r.Orders.Failures == 0 && r.AllPaid) ? 0 : 1;
    }

    private static async Task<Row> MeasureHostAsync(string name, string dll, Options options)
    {
        var run = await FloorScenario.MeasureAsync(dll, options);
        var paid = run.Created.Count(o => o.Status == "paid");
        return new Row(name, run.Orders, run.HostCpuPerOrderMs, run.PeakRssMiB, paid == run.Created.Count, $"{paid}/{run.Created.Count} paid");
    }

    private static async Task<Row> MeasureOriginalAsync(string python, string app, Options options)
    {
        Console.WriteLine("Starting the original's three services (bench/original/app.py) ...");
        await using var original = await OriginalServices.StartAsync(python, app, RateLimit);
        using var http = LoadDriver.Client();
        var orderUrl = original.Url("orders", "/api/v1/orders/");
        Console.WriteLine($"Warm-up: {options.Warmup.TotalSeconds / 2:0} s of orders, {options.Clients} clients");
        await LoadDriver.RunAsync(http, options.Clients, options.Warmup / 2, c => ChainLoad.PostOrderAsync(c, orderUrl, null));
        Console.WriteLine($"Measuring: {options.Duration.TotalSeconds:0} s");
        var created = new ConcurrentBag<(int Id, string Status)>();
        var cpuBefore = original.CpuUsed();
        var orders = await LoadDriver.RunAsync(http, options.Clients, options.Duration, c => ChainLoad.PostOrderAsync(c, orderUrl, created));
        var cpu = original.CpuUsed() - cpuBefore;

        // Each order paid (as it was answered), and a sample of them with its confirmation stored.
        var paid = created.Count(o => o.Status == "paid");
        var sample = created.OrderBy(_ => Random.Shared.Next()).Take(50).ToList();
        var confirmed = 0;
        foreach (var (id, _) in sample)
        {
            var notifications = await http.GetFromJsonAsync<JsonArray>(original.Url("notifications", $"/api/v1/notifications/order/{id}"));
            if (notifications!.Any(n => (string?)n!["template_name"] == "ORDER_CONFIRMATION")) confirmed++;
        }
        return new Row("original", orders, cpu.TotalMilliseconds / Math.Max(1, created.Count), original.PeakRssMiB(),
            paid == created.Count && confirmed == sample.Count, $"{paid}/{created.Count} paid, {confirmed}/{sample.Count} sampled confirmed");
    }
}
