using System.Collections.Concurrent;
using System.Diagnostics;

namespace Ecommerce.Bench;

internal sealed record LoadResult(int Requests, int Failures, TimeSpan Elapsed, double[] LatenciesMs)
{
    public double PerSecond => Requests / Elapsed.TotalSeconds;
    public double Percentile(double p) => LatenciesMs.Length == 0 ? double.NaN : LatenciesMs[(int)Math.Min(LatenciesMs.Length - 1, Math.Ceiling(p * LatenciesMs.Length) - 1)];
}

/// <summary>Closed-loop load: N clients, each sending its next request when the previous one answered.</summary>
internal static class LoadDriver
{
    public static HttpClient Client() => new(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseProxy = false })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    public static async Task<LoadResult> RunAsync(HttpClient http, int clients, TimeSpan duration, Func<HttpClient, Task<bool>> request)
    {
        var latencies = new List<double>[clients];
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var mine = latencies[c] = new List<double>(4096);
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await request(http);
                if (!ok) Interlocked.Increment(ref failures);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var elapsed = clock.Elapsed;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(all.Length, failures, elapsed, all);
    }

    /// <summary>
    /// Open-loop load: requests start at <paramref name="perSecond"/> a second whatever the answers, as independent
    /// shoppers arrive; each latency counts from when its request was due, so a server falling behind shows in it
    /// (no coordinated omission). What a fixed offered load costs in latency, below the saturation the closed loop finds.
    /// </summary>
    public static async Task<LoadResult> RunAtRateAsync(HttpClient http, double perSecond, TimeSpan duration, Func<HttpClient, Task<bool>> request)
    {
        var latencies = new ConcurrentBag<double>();
        var failures = 0;
        var inFlight = new List<Task>();
        var clock = Stopwatch.StartNew();
        for (var n = 0; ; n++)
        {
            var due = TimeSpan.FromSeconds(n / perSecond);
            if (due >= duration) break;
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            inFlight.Add(Task.Run(async () =>
            {
                if (!await request(http)) Interlocked.Increment(ref failures);
                latencies.Add((clock.Elapsed - due).TotalMilliseconds);
            }));
        }
        await Task.WhenAll(inFlight);
        var all = latencies.Order().ToArray();
        return new LoadResult(all.Length, failures, duration, all);
    }
}
