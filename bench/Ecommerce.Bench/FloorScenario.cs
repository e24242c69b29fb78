using System.Globalization;
using System.Text;

namespace Ecommerce.Bench;

/// <summary>
/// The product's orders/s as a share of the floor of its design: bench/Ecommerce.Floor does exactly the chain's I/O (four
/// requests in, three calls out over loopback HTTP with the same bodies, four SQLite commits with the same pragmas) and
/// nothing else. Both take the same load in the same run, alternating (--runs pairs), each in a fresh process and data
/// directory; per order, each one's commits, allocations, log lines and TCP connections as its own runtime counts them.
/// The same alternation compares two builds of the host (<c>ab --host NEW --baseline OLD</c>): a lever is kept only where
/// it wins pair after pair, since this machine's speed drifts more between runs than most levers move it.
/// </summary>
internal static class FloorScenario
{
    public static async Task<int> RunAsync(string root, string hostDll, Options options, int runs, string? baselineDll = null)
    {
        var reference = baselineDll is null ? "floor" : "baseline";
        if (baselineDll is null) Console.WriteLine("Building bench/Ecommerce.Floor (Release) ...");
        var referenceDll = baselineDll ?? Builds.Project(root, Path.Combine(root, "bench", "Ecommerce.Floor", "Ecommerce.Floor.csproj"), asContainer: false);
        var results = new List<(string Name, ChainRun Run)>();
        for (var i = 0; i < runs; i++)
        {
            results.Add((reference, await MeasureAsync(referenceDll, options)));
            results.Add(("product", await MeasureAsync(hostDll, options)));
        }

        var report = new StringBuilder();
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Scenario: POST /api/v1/orders/ through the whole chain, {options.Clients} clients, {options.Duration.TotalSeconds:0} s each, alternating; product log level {options.LogLevel}");
        report.AppendLine(CultureInfo.InvariantCulture, $"{"",-10}{"orders/s",10}{"p50 ms",9}{"p99 ms",9}{"health/s",10}{"CPU ms",8}{"RSS MiB",9}{"syscalls",9}{"switches",9}{CounterReading.Header}");
        foreach (var (name, run) in results)
            report.AppendLine(CultureInfo.InvariantCulture,
                $"{name,-10}{run.Orders.PerSecond,10:0}{run.Orders.Percentile(0.50),9:0.0}{run.Orders.Percentile(0.99),9:0.0}{run.Health.PerSecond,10:0}{run.HostCpuPerOrderMs,8:0.00}{run.PeakRssMiB,9:0}{run.KernelPerOrder}{run.Counts.PerOrder(run.Created.Count)}");
        var referenceMean = results.Where(r => r.Name == reference).Average(r => r.Run.Orders.PerSecond);
        var product = results.Where(r => r.Name == "product").Average(r => r.Run.Orders.PerSecond);
        report.AppendLine(CultureInfo.InvariantCulture, $"product ÷ {reference} (mean orders/s): {product:0} ÷ {referenceMean:0} = {100 * product / referenceMean:0.0} %");
        if (baselineDll is not null)
        {
            // Pair i: the baseline's run and the product's right after it.
            var ahead = Enumerable.Range(0, runs).Count(i => results[2 * i + 1].Run.Orders.PerSecond > results[2 * i].Run.Orders.PerSecond);
            double Cpu(string name) => results.Where(r => r.Name == name).Average(r => r.Run.HostCpuPerOrderMs);
            report.AppendLine(CultureInfo.InvariantCulture,
                $"product ahead in {ahead} of {runs} pairs; host CPU per order {Cpu("product"):0.00} against {Cpu(reference):0.00} ms (means)");
        }
        report.AppendLine("(CPU ms: the measured process's CPU per order; syscalls and switches per order by perf stat; the columns after them per order, counted by that process's runtime)");
        Console.WriteLine(report.ToString());
        return results.All(r => r.Run.Orders.Failures == 0 && r.Run.Created.All(o => o.Status == "paid")) ? 0 : 1;
    }

    /// <summary>One run of the orders load on a build (the host, the floor) in a fresh process and data directory.</summary>
    internal static async Task<ChainRun> MeasureAsync(string dll, Options options)
    {
        Console.WriteLine($"Starting {Path.GetFileName(dll)} ...");
        await using var host = await HostProcess.StartAsync(dll, new Dictionary<string, string>
        {
            ["Notifications:RateLimitPerSecond"] = "1000000",
            ["Serilog:MinimumLevel:Default"] = options.LogLevel,
        }.Concat(options.Environment).ToDictionary());
        using var http = LoadDriver.Client();
        return await ChainLoad.RunAsync(host, options, http);
    }
}
