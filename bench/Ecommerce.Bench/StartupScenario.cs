using System.Globalization;
using System.Net;
using System.Text;

namespace Ecommerce.Bench;

/// <summary>
/// <c>startup</c>: how long until the host answers /health on its four ports, beside an empty ASP.NET Core app on four
/// ports (bench/Ecommerce.EmptyHost) built the same way, measured in the same run, runs alternated; best of N each, with a
/// fresh data directory and with existing data. Also: until the first order has gone through the whole chain (201, paid),
/// since the modules migrate their databases in the background while the ports already answer.
/// </summary>
internal static class StartupScenario
{
    private const string Order = """
        {"customer_email":"tanaka@example.co.jp","customer_name":"田中太郎","items":[{"product_name":"ノートPC","quantity":2,"unit_price":89800.0}],"currency":"JPY"}
        """;

    public static async Task<int> RunAsync(string root, string hostDll, bool readyToRun, int runs)
    {
        var emptyDll = HostProcess.Build(Path.Combine(root, "bench", "Ecommerce.EmptyHost"), "Ecommerce.EmptyHost", readyToRun);
        var settings = new Dictionary<string, string> { ["Serilog:MinimumLevel:Default"] = "Warning", ["Logging:LogLevel:Default"] = "Warning" };
        var existing = Path.Combine(Path.GetTempPath(), "ecommerce-bench-data", "startup-" + Guid.NewGuid().ToString("N"));
        await using (var seed = await HostProcess.StartAsync(hostDll, settings, existing)) await FirstOrderAsync(seed);

        List<double> empty = [], fresh = [], warm = [], freshOrder = [];
        for (var i = 0; i < runs; i++)
        {
            await using (var app = await HostProcess.StartAsync(emptyDll, settings)) empty.Add(app.ReadyAfter.TotalMilliseconds);
            await using (var host = await HostProcess.StartAsync(hostDll, settings))
            {
                fresh.Add(host.ReadyAfter.TotalMilliseconds);
                await FirstOrderAsync(host);
                freshOrder.Add(host.SinceStart.Elapsed.TotalMilliseconds);
            }
            await using (var host = await HostProcess.StartAsync(hostDll, settings, existing)) warm.Add(host.ReadyAfter.TotalMilliseconds);
        }
        Directory.Delete(existing, recursive: true);

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Start-up, best and median of {runs}, {(readyToRun ? "ReadyToRun publish" : "Release build")}, ms from process start:");
        report.AppendLine(Row("empty ASP.NET Core app, /health on 4 ports", empty, null));
        report.AppendLine(Row("host, fresh data, /health on 4 ports", fresh, empty.Min()));
        report.AppendLine(Row("host, existing data, /health on 4 ports", warm, empty.Min()));
        report.AppendLine(Row("host, fresh data, first order paid (201)", freshOrder, empty.Min()));
        Console.WriteLine(report);
        return 0;
    }

    private static async Task FirstOrderAsync(HostProcess host)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(host.Url("Orders", "/api/v1/orders/"), new StringContent(Order, Encoding.UTF8, "application/json"));
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"first order: {(int)response.StatusCode}");
    }

    private static string Row(string name, List<double> values, double? yardstick)
    {
        var sorted = values.Order().ToList();
        var ratio = yardstick is { } y ? $"   best {sorted[0] / y:0.00}× the empty app's best" : "";
        return string.Create(CultureInfo.InvariantCulture, $"  {name,-44}{sorted[0],8:0}{sorted[sorted.Count / 2],8:0}{ratio}");
    }
}
