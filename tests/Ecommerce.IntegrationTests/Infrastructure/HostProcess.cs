using System.Diagnostics;

namespace Ecommerce.IntegrationTests.Infrastructure;

/// <summary>
/// The host as its own process (as a container runs it), for what an in-process host cannot show: being killed.
/// Free ports, the given data directory, settings as environment variables.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output;

    private HostProcess(Process process, Dictionary<string, int> ports, System.Collections.Concurrent.ConcurrentQueue<string> output) =>
        (_process, Ports, _output) = (process, ports, output);

    public Dictionary<string, int> Ports { get; }

    public static async Task<HostProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null)
    {
        var ports = new[] { "Orders", "Payments", "Notifications", "Dashboard" }.ToDictionary(m => m, _ => EcommerceApp.FreePort());
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location]) { RedirectStandardOutput = true, UseShellExecute = false, RedirectStandardError = true };
        foreach (var (module, port) in ports) start.Environment[$"Ports__{module}"] = $"{port}";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        settings ??= new Dictionary<string, string>();
        foreach (var (key, value) in await TestStore.SettingsAsync(dataDirectory, settings.ToDictionary(s => s.Key, s => (string?)s.Value)))
            start.Environment[key.Replace(":", "__")] = value;
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        var process = Process.Start(start)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, line) => { if (line.Data is { } data) output.Enqueue(data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is { } data) output.Enqueue(data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostProcess(process, ports, output);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var ready = await Eventually.TrueAsync(async () =>
        {
            if (process.HasExited) throw new InvalidOperationException($"The host exited with {process.ExitCode} before answering");
            try
            {
                foreach (var port in ports.Values)
                    if (!(await http.GetAsync($"http://127.0.0.1:{port}/health")).IsSuccessStatusCode) return false;
                return true;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60));
        if (!ready) throw new TimeoutException("The host did not answer /health on its four ports within 60 s");
        return host;
    }

    /// <summary>The exit code, once the process has exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the host wrote to its standard output and error (its JSON log lines).</summary>
    public string Output => string.Join('\n', _output);

    public HttpClient Client(string module) => new() { BaseAddress = new Uri($"http://127.0.0.1:{Ports[module]}"), Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>SIGKILL: the process ends at once, mid-request, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as a container runtime stops it: the host finishes what is in flight, then exits.</summary>
    public async Task TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", $"{_process.Id}"])) await kill!.WaitForExitAsync();
        await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }
}
