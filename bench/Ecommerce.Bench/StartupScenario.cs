using System.Globalization;
using System.Net;
using System.Text;

namespace Ecommerce.Bench;

/// <summary>
/// <c>startup</c>: how long until the host answers /health on its four ports, beside two empty ASP.NET Core apps on four
/// ports (bench/Ecommerce.EmptyHost: as `dotnet new web` builds it, and with the slim builder the host uses), all
/// measured in the same run with their runs interleaved. With <c>--ready-to-run</c> the host runs as the container holds
/// it (deploy/publish.sh), the `dotnet new web` app as a plain `dotnet publish` ships it (the yardstick a user would
/// build) and the slim empty app published exactly as the host (what is left that is ours); otherwise all are Release
/// builds. Best and median of N, with a fresh data directory
/// and with existing data. Also: until the first order has gone through the whole chain (201, paid), since the modules
/// migrate their databases in the background while the ports already answer. Beside wall time, the process's CPU time
/// at that moment (median), steadier on a busy machine. <c>--baseline DLL</c> adds another build
/// of the host (e.g. the previous commit's) to the same rounds, for an A/B comparison.
/// </summary>
internal static class StartupScenario
{
    private const string Order = """
        {"customer_email":"tanaka@example.co.jp","customer_name":"田中太郎","items":[{"product_name":"ノートPC","quantity":2,"unit_price":89800.0}],"currency":"JPY"}
        """;

    public static async Task<int> RunAsync(string root, string hostDll, bool asContainer, int runs, string? baselineDll)
    {
        // The yardsticks: the empty app as `dotnet new web` makes it and a plain `dotnet publish` ships it; and with the slim
        // builder, published exactly as the host is (as the container holds it: self-contained, ReadyToRun composite).
        var emptyProject = Path.Combine(root, "bench", "Ecommerce.EmptyHost", "Ecommerce.EmptyHost.csproj");
        var templateDll = asContainer ? Builds.PublishPlain(emptyProject) : Builds.Project(root, emptyProject, asContainer: false);
        var emptyDll = Builds.Project(root, emptyProject, asContainer);
        var settings = new Dictionary<string, string> { ["Serilog:MinimumLevel:Default"] = "Warning", ["Logging:LogLevel:Default"] = "Warning" };
        var existing = Path.Combine(Path.GetTempPath(), "ecommerce-bench-data", "startup-" + Guid.NewGuid().ToString("N"));
        await using (var seed = await HostProcess.StartAsync(hostDll, settings, existing)) await FirstOrderAsync(seed);

        Measures template = new(), slim = new(), fresh = new(), warm = new(), freshOrder = new(), baseline = new(), baselineOrder = new();
        for (var i = 0; i < runs; i++)
        {
            await using (var app = await HostProcess.StartAsync(templateDll, settings, null, "--Builder=template")) template.Ready(app);
            await using (var app = await HostProcess.StartAsync(emptyDll, settings)) slim.Ready(app);
            await using (var host = await HostProcess.StartAsync(hostDll, settings))
            {
                fresh.Ready(host);
                await FirstOrderAsync(host);
                freshOrder.Now(host);
            }
            await using (var host = await HostProcess.StartAsync(hostDll, settings, existing)) warm.Ready(host);
            if (baselineDll is null) continue;
            await using (var host = await HostProcess.StartAsync(baselineDll, settings))
            {
                baseline.Ready(host);
                await FirstOrderAsync(host);
                baselineOrder.Now(host);
            }
        }
        Directory.Delete(existing, recursive: true);

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Start-up, best and median of {runs}, {(asContainer ? "the host as the container holds it (deploy/publish.sh)" : "Release builds")}, ms from process start; ratios to the best of each empty app; CPU: the process's processor time then, median, ÷ the slim app's:");
        report.AppendLine(CultureInfo.InvariantCulture, $"  {"",-48}{"best",8}{"median",8}{"÷ template",12}{"÷ slim",9}{"CPU median",12}{"÷ slim",9}");
        report.AppendLine(Row(asContainer ? "empty app, `dotnet new web` + `dotnet publish`" : "empty app as `dotnet new web`, /health on 4", template, template, slim));
        report.AppendLine(Row(asContainer ? "empty app, slim builder, published as the host" : "empty app, slim builder, /health on 4", slim, template, slim));
        report.AppendLine(Row("host, fresh data, /health on 4 ports", fresh, template, slim));
        report.AppendLine(Row("host, existing data, /health on 4 ports", warm, template, slim));
        report.AppendLine(Row("host, fresh data, first order paid (201)", freshOrder, template, slim));
        if (baselineDll is not null)
        {
            report.AppendLine(Row("baseline host, fresh data, /health on 4", baseline, template, slim));
            report.AppendLine(Row("baseline host, first order paid (201)", baselineOrder, template, slim));
        }
        Console.WriteLine(report);
        return 0;
    }

    private static async Task FirstOrderAsync(HostProcess host)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(host.Url("Orders", "/api/v1/orders/"), new StringContent(Order, Encoding.UTF8, "application/json"));
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"first order: {(int)response.StatusCode}");
    }

    /// <summary>Wall time from process start and the process's CPU time, in ms, one pair per start.</summary>
    private sealed class Measures
    {
        public List<double> Wall { get; } = [];
        public List<double> Cpu { get; } = [];

        public void Ready(HostProcess process)
        {
            Wall.Add(process.ReadyAfter.TotalMilliseconds);
            Cpu.Add(process.CpuAtReady.TotalMilliseconds);
        }

        public void Now(HostProcess process)
        {
            Wall.Add(process.SinceStart.Elapsed.TotalMilliseconds);
            Cpu.Add(process.CpuUsed().TotalMilliseconds);
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Row(string name, Measures measures, Measures template, Measures slim) => string.Create(CultureInfo.InvariantCulture,
        $"  {name,-48}{measures.Wall.Min(),8:0}{Median(measures.Wall),8:0}{measures.Wall.Min() / template.Wall.Min(),11:0.00}×" +
        $"{measures.Wall.Min() / slim.Wall.Min(),8:0.00}×{Median(measures.Cpu),12:0}{Median(measures.Cpu) / Median(slim.Cpu),8:0.00}×");
}
