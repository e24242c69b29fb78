using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Ecommerce.Shared.Http;
using Ecommerce.Testing;

namespace Ecommerce.Bench;

/// <summary>
/// The original's stack re-created (bench/original/app.py: FastAPI, Pydantic, SQLAlchemy, SQLite), its three services each
/// in its own uvicorn process on a free port, wired to each other as the contract's calls go, with a fresh data directory.
/// Runs on Debian's Python packages (python3-fastapi, python3-uvicorn, python3-sqlalchemy, python3-httpx).
/// </summary>
internal sealed class OriginalServices : IAsyncDisposable
{
    public const string Install = "apt-get install -y python3-fastapi python3-uvicorn python3-sqlalchemy python3-httpx";
    private static readonly string[] Services = ["orders", "payments", "notifications"];
    private readonly Dictionary<string, (Process Process, int Port)> _services;
    private readonly string _data;

    private OriginalServices(Dictionary<string, (Process, int)> services, string data)
    {
        _services = services;
        _data = data;
    }

    /// <summary>The first Python that has the packages (Debian's, before a pyenv shim that lacks them), or null.</summary>
    public static string? FindPython() =>
        new[] { "/usr/bin/python3", "python3" }.FirstOrDefault(python =>
        {
            try
            {
                using var probe = Process.Start(new ProcessStartInfo(python, ["-c", "import fastapi, uvicorn, sqlalchemy, httpx"])
                    { RedirectStandardError = true, UseShellExecute = false })!;
                probe.WaitForExit();
                return probe.ExitCode == 0;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return false; // no such program
            }
        });

    public static async Task<OriginalServices> StartAsync(string python, string app, int rateLimitPerSecond)
    {
        var data = Directory.CreateTempSubdirectory("original-").FullName;
        var ports = Services.ToDictionary(s => s, _ => FreePorts.Next());
        string Url(string service) => $"http://127.0.0.1:{ports[service].ToString(CultureInfo.InvariantCulture)}";
        var services = new Dictionary<string, (Process, int)>();
        var errors = new ConcurrentQueue<string>();
        foreach (var service in Services)
        {
            var start = new ProcessStartInfo(python, [app, service, ports[service].ToString(CultureInfo.InvariantCulture)])
            {
                UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = data,
            };
            start.Environment["DATA_DIR"] = data;
            start.Environment["ORDERS_URL"] = Url("orders");
            start.Environment["PAYMENTS_URL"] = Url("payments");
            start.Environment["NOTIFICATIONS_URL"] = Url("notifications");
            start.Environment["RATE_LIMIT_PER_SECOND"] = rateLimitPerSecond.ToString(CultureInfo.InvariantCulture);
            var process = Process.Start(start)!;
            // Drained so a full pipe never blocks a service: uvicorn's access lines dropped, the last lines of its errors kept.
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, line) =>
            {
                if (line.Data is null) return;
                errors.Enqueue($"{service}: {line.Data}");
                while (errors.Count > 20) errors.TryDequeue(out var _);
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            services[service] = (process, ports[service]);
        }
        var original = new OriginalServices(services, data);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var clock = Stopwatch.StartNew();
        foreach (var service in Services)
        {
            while (!await AnswersAsync(http, $"{Url(service)}/health"))
            {
                if (clock.Elapsed > TimeSpan.FromSeconds(60) || services[service].Item1.HasExited)
                {
                    await original.DisposeAsync();
                    throw new InvalidOperationException($"the original's {service} service did not answer /health:\n{string.Join('\n', errors)}");
                }
                await Task.Delay(20);
            }
        }
        return original;
    }

    public string Url(string service, string path) => $"http://127.0.0.1:{_services[service].Port.ToString(CultureInfo.InvariantCulture)}{path}";

    /// <summary>CPU used by the three processes so far.</summary>
    public TimeSpan CpuUsed()
    {
        var total = TimeSpan.Zero;
        foreach (var (process, _) in _services.Values)
        {
            process.Refresh();
            total += process.TotalProcessorTime;
        }
        return total;
    }

    /// <summary>The three processes' peak resident sets (VmHWM on Linux), added up, in MiB.</summary>
    public double PeakRssMiB() => _services.Values.Sum(s =>
    {
        s.Process.Refresh();
        return s.Process.PeakWorkingSet64 / 1048576.0;
    });

    // Not listening yet, or too busy starting to answer within the second: asked again.
    private static Task<bool> AnswersAsync(HttpClient http, string url) => Call.OrNoAnswerAsync(async () =>
    {
        using var response = await http.GetAsync(url);
        return response.IsSuccessStatusCode;
    }, _ => false);

    public async ValueTask DisposeAsync()
    {
        foreach (var (process, _) in _services.Values)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
        Directory.Delete(_data, recursive: true);
    }
}
