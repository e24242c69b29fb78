using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace Ecommerce.Bench;

/// <summary>Cumulative counts of a process since it started; the difference of two is what happened between them.</summary>
internal sealed record CounterReading(double AllocatedBytes, IReadOnlyDictionary<string, double> CommitsByDatabase, double ConnectionsAccepted,
    double ConnectionsOpened, long LogLines)
{
    public double Commits => CommitsByDatabase.Values.Sum();

    public static CounterReading operator -(CounterReading after, CounterReading before) => new(
        after.AllocatedBytes - before.AllocatedBytes,
        after.CommitsByDatabase.ToDictionary(kv => kv.Key, kv => kv.Value - before.CommitsByDatabase.GetValueOrDefault(kv.Key)),
        after.ConnectionsAccepted - before.ConnectionsAccepted, after.ConnectionsOpened - before.ConnectionsOpened,
        after.LogLines - before.LogLines);

    /// <summary>Commits per order by database file, e.g. "orders 2.35, payments 1.00".</summary>
    public string CommitsPerOrder(int orders) => string.Join(", ", CommitsByDatabase.OrderBy(kv => kv.Key, StringComparer.Ordinal)
        .Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value / Math.Max(1, orders):0.00}")));

    public string PerOrder(int orders)
    {
        double Each(double value) => value / Math.Max(1, orders);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Each(Commits),8:0.00}{Each(AllocatedBytes) / 1024,10:0.0}{Each(LogLines),8:0.00}{Each(ConnectionsAccepted),8:0.000}{Each(ConnectionsOpened),8:0.000}");
    }

    public const string Header = "    commits  KiB alloc   log lines  TCP in TCP out  (per order)";
}

/// <summary>
/// What a .NET process does, counted by its own runtime and read over EventPipe the way dotnet-counters reads it: bytes
/// allocated (the System.Runtime meter), SQLite write transactions (the product's <c>ecommerce.db.commits</c>; the floor
/// program publishes the same), and TCP connections accepted and opened (System.Net.Sockets). Log lines are the
/// process's output lines, counted by whoever reads them.
/// </summary>
internal sealed class ProcessCounters : IDisposable
{
    private const string Allocated = "dotnet.gc.heap.total_allocated";
    private const string Commits = "ecommerce.db.commits";
    private const string Accepted = "incoming-connections-established";
    private const string Opened = "outgoing-connections-established";

    private readonly EventPipeSession _session;
    private readonly EventPipeEventSource _source;
    private readonly Task _reading;
    private readonly Func<long> _logLines;
    // Latest cumulative value of each time series (a counter with tags has one per tag set), and how often each name was published.
    private readonly ConcurrentDictionary<string, double> _latest = new();
    private readonly ConcurrentDictionary<string, int> _published = new();

    private ProcessCounters(int processId, Func<long> logLines)
    {
        _logLines = logLines;
        var sessionId = Guid.NewGuid().ToString();
        var interval = new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" };
        var metrics = new Dictionary<string, string>
        {
            ["SessionId"] = sessionId, ["Metrics"] = $"System.Runtime\\{Allocated},Ecommerce.Persistence", ["RefreshInterval"] = "1",
            ["MaxTimeSeries"] = "100", ["MaxHistograms"] = "0",
        };
        _session = new DiagnosticsClient(processId).StartEventPipeSession(
        [
            new EventPipeProvider("System.Net.Sockets", EventLevel.Informational, 0, interval),
            new EventPipeProvider("System.Diagnostics.Metrics", EventLevel.Informational, 0x2, metrics),
        ], requestRundown: false);
        _source = new EventPipeEventSource(_session.EventStream);
        _source.Dynamic.All += Take;
        _reading = Task.Run(() => _source.Process());
    }

    public static ProcessCounters Start(HostProcess process) => new(process.ProcessId, () => process.OutputLines);

    public static ProcessCounters Start(int processId, Func<long> logLines) => new(processId, logLines);

    /// <summary>The counts as of now: waits until every counter was published twice after the call (a full interval).</summary>
    public async Task<CounterReading> ReadAsync()
    {
        var names = new[] { Allocated, Accepted, Opened };
        var since = names.ToDictionary(n => n, n => _published.GetValueOrDefault(n));
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (names.Any(n => _published.GetValueOrDefault(n) < since[n] + 2) && DateTime.UtcNow < deadline) await Task.Delay(50);
        await Task.Delay(100); // the commits of the same publication
        var commits = _latest.Where(kv => kv.Key.StartsWith(Commits + "|", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[(Commits.Length + 1)..].Replace("database=", "", StringComparison.Ordinal), kv => kv.Value);
        return new CounterReading(Sum(Allocated), commits, Sum(Accepted), Sum(Opened), _logLines());
    }

    private double Sum(string name) => _latest.Where(kv => kv.Key.StartsWith(name + "|", StringComparison.Ordinal)).Sum(kv => kv.Value);

    private void Take(TraceEvent data)
    {
        if (data.EventName == "EventCounters" && data.PayloadValue(0) is IDictionary<string, object> { } outer
            && outer["Payload"] is IDictionary<string, object> fields && fields["Name"] is string name && name is Accepted or Opened)
            Publish(name, "", Convert.ToDouble(fields["Mean"], CultureInfo.InvariantCulture));
        else if (data.EventName == "CounterRateValuePublished" && data.PayloadByName("instrumentName") is string instrument
                 && data.PayloadByName("value") is string value && double.TryParse(value, CultureInfo.InvariantCulture, out var total))
            Publish(instrument, data.PayloadByName("tags") as string ?? "", total);
    }

    private void Publish(string name, string tags, double value)
    {
        _latest[name + "|" + tags] = value;
        _published.AddOrUpdate(name, 1, (_, n) => n + 1);
    }

    public void Dispose()
    {
        try
        {
            _session.Stop();
        }
        catch (Exception exception) when (exception is ServerNotAvailableException or EndOfStreamException or IOException)
        {
            // the process has exited already
        }
        _reading.Wait(TimeSpan.FromSeconds(5));
        _source.Dispose();
        _session.Dispose();
    }
}
