using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Ecommerce.Bench;

/// <summary>
/// What the dashboard's overview costs with many orders: --orders N (default 100,000) imported in bulk, 10,000 a request,
/// into a fresh host; then the twelve API calls the overview makes for the last 30 days (the three stats routes for the
/// period and for the one before it, without best sellers, the three modules' owed work and latest audit rows), made
/// together as the page makes them: the first time (cold) and ten more (median, slowest); then each call alone (median
/// of five), to show which one the page waits for; then the dashboard's CSV export of every order (streamed). Baseline
/// from the same run: the same calls on the fresh host before the import. Peak RSS after each phase.
/// </summary>
internal static class OverviewScenario
{
    private const int Chunk = 10_000;

    public static async Task<int> RunAsync(string hostDll, Options options)
    {
        await using var host = await HostProcess.StartAsync(hostDll, new Dictionary<string, string>
        {
            ["Notifications:RateLimitPerSecond"] = "1000000", ["Serilog:MinimumLevel:Default"] = options.LogLevel,
        }.Concat(options.Environment).ToDictionary());
        using var http = LoadDriver.Client();
        http.Timeout = TimeSpan.FromMinutes(5);

        var empty = await TimeAsync(http, Urls(host), 10);
        Console.WriteLine($"Importing {options.Orders:N0} orders ({Chunk:N0} a request) ...");
        var importing = Stopwatch.StartNew();
        for (var first = 0; first < options.Orders; first += Chunk)
            await ImportScenario.Post(http, host.Url("Orders", "/api/v1/orders/bulk"), ImportScenario.BulkBody(Math.Min(Chunk, options.Orders - first), $"overview{first}"));
        var imported = importing.Elapsed;
        var rssAfterImport = host.PeakRssMiB();
        var full = await TimeAsync(http, Urls(host), 10);
        var rssAfterCalls = host.PeakRssMiB();
        var alone = new List<(string Url, double Median)>();
        foreach (var url in Urls(host))
        {
            var times = (await TimeAsync(http, [url], 4)).Order().ToList();
            alone.Add((url, times[times.Count / 2]));
        }

        // The dashboard's CSV export of every order, streamed a page of 100 at a time.
        var exporting = Stopwatch.StartNew();
        using var export = await http.GetAsync(host.Url("Dashboard", "/export/orders.csv"), HttpCompletionOption.ResponseHeadersRead);
        export.EnsureSuccessStatusCode();
        var (bytes, lines) = (0L, 0L);
        await using (var body = await export.Content.ReadAsStreamAsync())
        {
            var buffer = new byte[64 * 1024];
            for (int read; (read = await body.ReadAsync(buffer)) > 0;)
            {
                bytes += read;
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
            }
        }
        var exported = exporting.Elapsed;

        var report = new StringBuilder();
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Scenario: the overview's {Urls(host).Length} API calls for the last 30 days, made together; {options.Orders:N0} orders imported in {imported.TotalSeconds:0.0} s");
        report.AppendLine(CultureInfo.InvariantCulture, $"{"",-28}{"first ms",10}{"median ms",11}{"slowest ms",12}");
        report.AppendLine(Row("baseline: no orders", empty));
        report.AppendLine(Row($"{options.Orders:N0} orders", full));
        report.AppendLine("each call alone, median of five (ms):");
        foreach (var (url, median) in alone.OrderByDescending(a => a.Median))
            report.AppendLine(CultureInfo.InvariantCulture, $"  {median,8:0.0}  {new Uri(url).PathAndQuery.Split('?')[0]}{(url.Contains("top=0", StringComparison.Ordinal) ? " (previous period)" : "")}");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"CSV export of all orders: {lines - 1:N0} item rows, {bytes / 1048576.0:0.0} MiB in {exported.TotalSeconds:0.0} s");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"host peak RSS: after the import {rssAfterImport:0} MiB, after the calls {rssAfterCalls:0} MiB, after the export {host.PeakRssMiB():0} MiB");
        Console.WriteLine(report.ToString());
        return 0;
    }

    private static string Row(string name, List<double> times)
    {
        var warm = times.Skip(1).Order().ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{name,-28}{times[0],10:0.0}{warm[warm.Count / 2],11:0.0}{warm[^1],12:0.0}");
    }

    /// <summary>The calls the overview makes for the last 30 days (OverviewApi, OwedWorkApi, AuditApi in the dashboard).</summary>
    private static string[] Urls(HostProcess host)
    {
        var now = DateTime.UtcNow;
        var from = now.Date.AddDays(-29);
        string Period(DateTime start, DateTime end) =>
            $"from={Uri.EscapeDataString(start.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(end.ToString("O", CultureInfo.InvariantCulture))}";
        var (current, previous) = (Period(from, now), Period(from - (now - from), from));
        return
        [
            host.Url("Orders", $"/api/v1/orders/stats?{current}&bucket=day"), host.Url("Orders", $"/api/v1/orders/stats?{previous}&bucket=day&top=0"),
            host.Url("Payments", $"/api/v1/payments/stats?{current}"), host.Url("Payments", $"/api/v1/payments/stats?{previous}"),
            host.Url("Notifications", $"/api/v1/notifications/stats?{current}"), host.Url("Notifications", $"/api/v1/notifications/stats?{previous}"),
            host.Url("Orders", "/api/v1/orders/owed"), host.Url("Payments", "/api/v1/payments/owed"), host.Url("Notifications", "/api/v1/notifications/owed"),
            host.Url("Orders", "/api/v1/orders/audit?limit=20"), host.Url("Payments", "/api/v1/payments/audit?limit=20"),
            host.Url("Notifications", "/api/v1/notifications/audit?limit=20"),
        ];
    }

    /// <summary>The calls, together, <paramref name="times"/> + 1 times; each time the wall time until the last answered.</summary>
    private static async Task<List<double>> TimeAsync(HttpClient http, string[] urls, int times)
    {
        var result = new List<double>();
        for (var i = 0; i <= times; i++)
        {
            var clock = Stopwatch.StartNew();
            var answers = await Task.WhenAll(urls.Select(url => http.GetAsync(url)));
            result.Add(clock.Elapsed.TotalMilliseconds);
            foreach (var answer in answers)
            {
                if (!answer.IsSuccessStatusCode) throw new InvalidOperationException($"{answer.RequestMessage!.RequestUri} answered {(int)answer.StatusCode}");
                answer.Dispose();
            }
        }
        return result;
    }
}
