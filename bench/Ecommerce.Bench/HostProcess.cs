using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Ecommerce.Bench;

/// <summary>The product as a user runs it: a Release build of src/Host in its own process, on free ports, with a fresh data directory.</summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;

    private HostProcess(Process process, Dictionary<string, int> ports, string? ownDataDirectory, Stopwatch sinceStart, TimeSpan ready,
        StrongBox<long> outputLines)
    {
        _outputLines = outputLines;
        CpuAtReady = CpuSoFar(process);
        _process = process;
        Ports = ports;
        _ownDataDirectory = ownDataDirectory;
        SinceStart = sinceStart;
        ReadyAfter = ready;
    }

    private readonly string? _ownDataDirectory;
    private readonly StrongBox<long> _outputLines;

    public int ProcessId => _process.Id;

    /// <summary>Lines the process has written so far (standard output and error): its log lines.</summary>
    public long OutputLines => Interlocked.Read(ref _outputLines.Value);

    public Dictionary<string, int> Ports { get; }
    public TimeSpan ReadyAfter { get; }

    /// <summary>Processor time the process had used when it was ready: steadier than wall time on a busy 2-core machine.</summary>
    public TimeSpan CpuAtReady { get; }

    /// <summary>Processor time the process has used so far (user and system, all threads).</summary>
    public TimeSpan CpuUsed() => CpuSoFar(_process);

    private static TimeSpan CpuSoFar(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    /// <summary>Running since the process was started.</summary>
    public Stopwatch SinceStart { get; }

    /// <summary>A Release build, or with <paramref name="asContainer"/> what the container image holds (deploy/publish.sh).</summary>
    public static string Build(string repositoryRoot, bool asContainer) =>
        Build(repositoryRoot, Path.Combine(repositoryRoot, "src", "Host", "Ecommerce.Host.csproj"), asContainer);

    /// <summary>The same for another web project (the start-up benchmark's empty app), built or published as the host is.</summary>
    public static string Build(string repositoryRoot, string project, bool asContainer)
    {
        var assembly = Path.GetFileNameWithoutExtension(project);
        var output = Path.Combine(Path.GetTempPath(), $"ecommerce-bench-{assembly}{(asContainer ? "-container" : "")}");
        if (asContainer) Run("sh", [Path.Combine(repositoryRoot, "deploy", "publish.sh"), output, project]);
        else Run("dotnet", ["build", project, "-c", "Release", "-o", output, "-nologo", "-v", "q"]);
        return Path.Combine(output, assembly + ".dll");
    }

    /// <summary>A web project as a plain <c>dotnet publish -c Release</c> makes it: framework-dependent, its code JIT-compiled.</summary>
    public static string PublishPlain(string project)
    {
        var assembly = Path.GetFileNameWithoutExtension(project);
        var output = Path.Combine(Path.GetTempPath(), $"ecommerce-bench-{assembly}-plain");
        Run("dotnet", ["publish", project, "-c", "Release", "-o", output, "-nologo", "-v", "q"]);
        return Path.Combine(output, assembly + ".dll");
    }

    private static void Run(string program, string[] arguments)
    {
        using var build = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var output = build.StandardOutput.ReadToEnd();
        build.WaitForExit();
        if (build.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed:\n{output}");
    }

    /// <summary>Starts the host on a fresh data directory, or on <paramref name="dataDirectory"/> (kept afterwards), with <paramref name="arguments"/> after the dll.</summary>
    public static async Task<HostProcess> StartAsync(string hostDll, IReadOnlyDictionary<string, string> settings, string? dataDirectory = null,
        params string[] arguments)
    {
        var ports = new[] { "Orders", "Payments", "Notifications", "Dashboard" }.ToDictionary(m => m, _ => FreePort());
        var data = dataDirectory ?? Path.Combine(Path.GetTempPath(), "ecommerce-bench-data", Guid.NewGuid().ToString("N"));
        // A self-contained publish (as the container holds it) runs through its app host, on the runtime it carries.
        var appHost = Path.ChangeExtension(hostDll, null);
        var start = File.Exists(appHost) ? new ProcessStartInfo(appHost, arguments) : new ProcessStartInfo("dotnet", [hostDll, .. arguments]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.WorkingDirectory = Path.GetDirectoryName(hostDll)!;
        foreach (var (module, port) in ports) start.Environment[$"Ports__{module}"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["Database__SqliteDirectory"] = data;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        // Drain its output so a full pipe never blocks it; the last lines explain a start that failed.
        var lastLines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var lineCount = new StrongBox<long>();
        void Keep(object sender, DataReceivedEventArgs line)
        {
            if (line.Data is null) return;
            Interlocked.Increment(ref lineCount.Value);
            lastLines.Enqueue(line.Data);
            while (lastLines.Count > 20) lastLines.TryDequeue(out _);
        }
        process.OutputDataReceived += Keep;
        process.ErrorDataReceived += Keep;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            var up = 0;
            foreach (var port in ports.Values)
            {
                try
                {
                    if ((await http.GetAsync($"http://127.0.0.1:{port}/health")).IsSuccessStatusCode) up++;
                }
                catch (HttpRequestException)
                {
                }
            }
            if (up == ports.Count) return new HostProcess(process, ports, dataDirectory is null ? data : null, clock, clock.Elapsed, lineCount);
            if (process.HasExited) break;
            await Task.Delay(5);
        }
        if (!process.HasExited) process.Kill();
        throw new InvalidOperationException($"{Path.GetFileName(hostDll)} did not answer /health on all four ports:\n{string.Join('\n', lastLines)}");
    }

    /// <summary>Peak resident set size of the host so far (VmHWM), in MiB.</summary>
    public double PeakRssMiB()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    public string Url(string module, string path) => $"http://127.0.0.1:{Ports[module]}{path}";

    /// <summary>
    /// A port nothing listens on, below Linux's ephemeral range (32768–60999), each handed out once per run: a port from
    /// that range, freed again, can be taken by any outgoing connection (the benchmark's own) before the host binds it.
    /// </summary>
    private static int FreePort()
    {
        while (true)
        {
            var port = 20000 + Interlocked.Increment(ref _lastPort) % 12768;
            try
            {
                using var listener = new TcpListener(IPAddress.IPv6Any, port);
                listener.Server.DualMode = true;   // as Kestrel binds: [::], IPv4 too
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // in use: the next one
            }
        }
    }

    private static int _lastPort = Random.Shared.Next(0, 12768);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        try
        {
            if (_ownDataDirectory is not null) Directory.Delete(_ownDataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
