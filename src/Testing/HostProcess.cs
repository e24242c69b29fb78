using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Ecommerce.Shared.Http;

namespace Ecommerce.Testing;

/// <summary>
/// The host in its own process, as a container runs it: for what an in-process host cannot show (being killed, a
/// SIGTERM, its memory and processor time). Free ports, settings as environment variables, a fresh data directory unless
/// one is given. Started from a built <c>Ecommerce.Host.dll</c> (or a self-contained publish's app host beside it).
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private const int KeptLines = 10_000;

    private static readonly string[] Modules = ["Orders", "Payments", "Notifications", "Dashboard"];

    private readonly Process _process;
    private readonly string? _ownDataDirectory;
    private readonly ConcurrentQueue<string> _lines;
    private readonly Func<long> _lineCount;
    private readonly Lock _sampling = new();
    private Timer? _sampler;
    private double _peakPrivateMiB;

    private HostProcess(Process process, Dictionary<string, int> ports, string? ownDataDirectory, Stopwatch sinceStart,
        ConcurrentQueue<string> lines, Func<long> lineCount)
    {
        _process = process;
        _ownDataDirectory = ownDataDirectory;
        _lines = lines;
        _lineCount = lineCount;
        Ports = ports;
        SinceStart = sinceStart;
        ReadyAfter = sinceStart.Elapsed;
        CpuAtReady = CpuUsed();
    }

    /// <summary>The port of each module (Orders, Payments, Notifications, Dashboard).</summary>
    public Dictionary<string, int> Ports { get; }

    public int ProcessId => _process.Id;

    /// <summary>The exit code, once the process has exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Running since the process was started.</summary>
    public Stopwatch SinceStart { get; }

    /// <summary>From the start until <c>/health</c> answered on every port.</summary>
    public TimeSpan ReadyAfter { get; }

    /// <summary>Processor time the process had used when it was ready: steadier than wall time on a busy machine.</summary>
    public TimeSpan CpuAtReady { get; }

    /// <summary>Lines the process has written so far (standard output and error): its log lines.</summary>
    public long OutputLines => _lineCount();

    /// <summary>What the host wrote to its standard output and error (its JSON log lines), the last 10,000 lines.</summary>
    public string Output => string.Join('\n', _lines);

    /// <summary>Starts the host and returns once <c>/health</c> answers on its four ports (60 s at most).</summary>
    /// <param name="hostDll">The built host, e.g. <c>typeof(Program).Assembly.Location</c> in a test project that references it.</param>
    /// <param name="settings">Configuration keys (<c>Notifications:RateLimitPerSecond</c>), passed as environment variables.</param>
    /// <param name="dataDirectory">SQLite's directory, kept afterwards; null: a fresh one, deleted when this is disposed.</param>
    /// <param name="arguments">Command-line arguments after the dll.</param>
    public static async Task<HostProcess> StartAsync(string hostDll, IReadOnlyDictionary<string, string> settings, string? dataDirectory = null,
        params string[] arguments)
    {
        var ports = Modules.ToDictionary(module => module, _ => FreePorts.Next());
        var data = dataDirectory ?? ThrowawayDirectory.New();
        // A self-contained publish (as the container holds it) runs through its app host, on the runtime it carries.
        var appHost = Path.ChangeExtension(hostDll, null);
        var start = File.Exists(appHost) ? new ProcessStartInfo(appHost, arguments) : new ProcessStartInfo("dotnet", [hostDll, .. arguments]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.WorkingDirectory = Path.GetDirectoryName(hostDll)!;
        foreach (var (module, port) in ports) start.Environment[$"Ports__{module}"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["Database__SqliteDirectory"] = data;
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        // Its output is drained so a full pipe never blocks it; the last lines explain a start that failed.
        var lines = new ConcurrentQueue<string>();
        long lineCount = 0;
        void Keep(object sender, DataReceivedEventArgs line)
        {
            if (line.Data is null) return;
            Interlocked.Increment(ref lineCount);
            lines.Enqueue(line.Data);
            while (lines.Count > KeptLines) lines.TryDequeue(out _);
        }
        process.OutputDataReceived += Keep;
        process.ErrorDataReceived += Keep;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        while (clock.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
        {
            if (await AllAnswerAsync(http, ports.Values))
                return new HostProcess(process, ports, dataDirectory is null ? data : null, clock, lines, () => Interlocked.Read(ref lineCount));
            await Task.Delay(5);
        }
        var why = process.HasExited ? $"exited with {process.ExitCode}" : "did not answer /health on its four ports within 60 s";
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"{Path.GetFileName(hostDll)} {why}:\n{string.Join('\n', lines.TakeLast(20))}");
    }

    private static async Task<bool> AllAnswerAsync(HttpClient http, IEnumerable<int> ports)
    {
        foreach (var port in ports)
        {
            // Not listening yet, or too busy starting to answer within the second: asked again.
            var healthy = await Call.OrNoAnswerAsync(async () =>
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
                return response.IsSuccessStatusCode;
            }, _ => false);
            if (!healthy) return false;
        }
        return true;
    }

    public string Url(string module, string path) => $"http://127.0.0.1:{Ports[module]}{path}";

    /// <summary>A client of one module's port (the caller disposes it).</summary>
    public HttpClient Client(string module) => new() { BaseAddress = new Uri($"http://127.0.0.1:{Ports[module]}"), Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Processor time the process has used so far (user and system, all threads).</summary>
    public TimeSpan CpuUsed()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Peak resident set size of the host so far (VmHWM, Linux), in MiB.</summary>
    public double PeakRssMiB() => StatusMiB("VmHWM:") ?? double.NaN;

    /// <summary>
    /// From now on, the host's private memory is sampled every 10 ms (<see cref="PeakPrivateMiB"/>): its resident pages
    /// less those of its program files (the assemblies, a ReadyToRun image), which are shared, clean and which the kernel
    /// drops and reads again under memory pressure, so that a container's limit is not spent on them.
    /// </summary>
    public void SamplePrivateMemory()
    {
        lock (_sampling) _sampler ??= new Timer(_ =>
        {
            var now = PrivateMiB();
            lock (_sampling) _peakPrivateMiB = Math.Max(_peakPrivateMiB, now);
        }, null, TimeSpan.Zero, TimeSpan.FromMilliseconds(10));
    }

    /// <summary>The highest private memory sampled since <see cref="SamplePrivateMemory"/>, in MiB.</summary>
    public double PeakPrivateMiB()
    {
        lock (_sampling) return _peakPrivateMiB;
    }

    /// <summary>RssAnon + RssShmem (the JIT's code is in shared memory); 0 once the process is gone.</summary>
    private double PrivateMiB()
    {
        try
        {
            return StatusMiB("RssAnon:", "RssShmem:") ?? 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>The sum of these fields of the process's <c>/proc/PID/status</c> (Linux, in kB), in MiB; null when it has none of them.</summary>
    private double? StatusMiB(params string[] fields)
    {
        var values = File.ReadLines($"/proc/{_process.Id}/status")
            .Where(line => fields.Any(field => line.StartsWith(field, StringComparison.Ordinal)))
            .Select(line => double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture))
            .ToList();
        return values.Count == 0 ? null : values.Sum() / 1024;
    }

    /// <summary>SIGKILL: the process ends at once, mid-request, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as a container runtime stops it: the host finishes what is in flight, then exits (60 s at most).</summary>
    public async Task TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(patience.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sampler is not null) await _sampler.DisposeAsync();
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
        ThrowawayDirectory.Delete(_ownDataDirectory);
    }
}
