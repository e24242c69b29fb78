using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace Ecommerce.IntegrationTests.Deployment;

/// <summary>
/// No container engine runs here, so the image is rehearsed instead of built: the host is published by the script the
/// Dockerfile runs, then started as the image would start it — the Dockerfile's environment, entry point and working
/// directory, an unprivileged user, a working tree it cannot write, a writable directory in place of the volume — and
/// probed with the Dockerfile's own HEALTHCHECK command. Only the ports differ (free ones, never 8000–8002).
/// </summary>
public sealed class ContainerRehearsalTests
{
    private string _root = null!;
    private string _app = null!;
    private string _data = null!;
    private ContainerImage _image = null!;
    private Dictionary<string, int> _ports = null!;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _hostOutput = new();

    [OneTimeSetUp]
    public async Task Publish()
    {
        var repository = Repository.Root();
        _image = ContainerImage.Read(Path.Combine(repository, "Dockerfile"));
        _root = Path.Combine(Path.GetTempPath(), "ecommerce-tests", "container-" + Guid.NewGuid().ToString("N"));
        _app = Path.Combine(_root, "app");
        _data = Path.Combine(_root, "data");
        Directory.CreateDirectory(_data);
        var (exit, output) = await RunAsync("sh", [Path.Combine(repository, "deploy", "publish.sh"), _app], TimeSpan.FromMinutes(30));
        Assert.That(exit, Is.Zero, $"deploy/publish.sh failed:\n{output}");
        // The image's tree belongs to root and its user only reads it; the volume is the user's.
        if (IsRoot)
        {
            await RunAsync("chown", ["-R", $"{Unprivileged}:{Unprivileged}", _data], TimeSpan.FromSeconds(30));
            await RunAsync("chmod", ["755", _root], TimeSpan.FromSeconds(30));
        }
        else await RunAsync("chmod", ["-R", "a-w", _app], TimeSpan.FromSeconds(30));
        _ports = new[] { "Orders", "Payments", "Notifications", "Dashboard" }.ToDictionary(m => m, _ => FreePorts.Next());
    }

    [OneTimeTearDown]
    public async Task Clean()
    {
        if (_root is null || !Directory.Exists(_root)) return;
        await RunAsync("chmod", ["-R", "u+w", _root], TimeSpan.FromSeconds(30));
        Directory.Delete(_root, recursive: true);
    }

    [Test]
    public async Task The_image_runs_unprivileged_keeps_its_data_in_the_volume_and_passes_its_own_health_probe()
    {
        Assert.That(_image.User, Is.Not.EqualTo("root").And.Not.EqualTo("0"), "USER");
        Assert.That(_image.Exposed, Is.EquivalentTo(new[] { "8000", "8001", "8002", "5173" }), "EXPOSE");
        Assert.That(_image.Environment["Database__SqliteDirectory"], Does.StartWith(_image.Volume), "SQLite's files live in the volume");
        var treeBefore = Tree(_app);

        var (downExit, downOutput) = await ProbeAsync();
        Assert.That(downExit, Is.EqualTo(1), $"nothing runs yet: the probe must exit 1 within its timeout:\n{downOutput}");

        int orderId;
        JsonNode? created;
        using (var host = StartHost())
        {
            await WaitHealthyAsync(host);
            using var orders = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_ports["Orders"]}") };
            using var response = await orders.PostAsync("/api/v1/orders/", Http.Json(Requests.Order()));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
            created = await response.ReadJson();
            orderId = created["id"]!.GetValue<int>();
            Assert.That(created["status"]!.GetValue<string>(), Is.EqualTo("paid"));

            // As `docker stop` does: SIGTERM, and the host ends by itself well within Docker's 10 s.
            using (var kill = Process.Start("kill", ["-TERM", $"{host.Id}"])) await kill!.WaitForExitAsync();
            using var stopped = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await host.WaitForExitAsync(stopped.Token);
            Assert.That(host.ExitCode, Is.Zero, "exit code after SIGTERM");
        }
        Assert.That(Directory.GetFiles(_data, "*.db").Select(Path.GetFileName), Is.SupersetOf(new[] { "orders.db", "payments.db", "notifications.db" }));

        using (var host = StartHost())
        {
            await WaitHealthyAsync(host);
            using var orders = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_ports["Orders"]}") };
            using var read = await orders.GetAsync($"/api/v1/orders/{orderId}");
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await read.ReadJson()).ToJsonString(), Is.EqualTo(created!.ToJsonString()), "the order read back after the restart");
            host.Kill();
            await host.WaitForExitAsync();
        }
        Assert.That(Tree(_app), Is.EqualTo(treeBefore), "the host wrote into its read-only working tree");
    }

    private Process StartHost()
    {
        var start = Command(_image.Entrypoint);
        var host = Process.Start(start)!;
        _hostOutput.Clear();
        host.OutputDataReceived += (_, line) => { if (line.Data is { } text) _hostOutput.Enqueue(text); };
        host.ErrorDataReceived += (_, line) => { if (line.Data is { } text) _hostOutput.Enqueue(text); };
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();
        return host;
    }

    private async Task WaitHealthyAsync(Process host)
    {
        var last = "";
        var healthy = await Eventually.TrueAsync(async () =>
        {
            if (host.HasExited) throw new InvalidOperationException(
                $"The host exited with {host.ExitCode}; last probe:\n{last}\nits output:\n{string.Join('\n', _hostOutput.TakeLast(30))}");
            (var exit, last) = await ProbeAsync();
            return exit == 0;
        }, TimeSpan.FromSeconds(60));
        Assert.That(healthy, Is.True, $"the HEALTHCHECK command never passed:\n{last}");
    }

    /// <summary>The Dockerfile's HEALTHCHECK command, as the container runtime runs it; it must answer within its timeout.</summary>
    private async Task<(int Exit, string Output)> ProbeAsync() =>
        await RunCommandAsync(Command(_image.HealthCheck), TimeSpan.FromSeconds(5));

    /// <summary>A command of the image, started as the image starts it: the user, the working directory, the environment.</summary>
    private ProcessStartInfo Command(IReadOnlyList<string> command)
    {
        // The image's commands run its app host from its working directory (./Ecommerce.Host): here, the published tree.
        var program = command[0].StartsWith("./", StringComparison.Ordinal) ? Path.Combine(_app, command[0][2..]) : command[0];
        var start = IsRoot
            ? new ProcessStartInfo("setpriv", [$"--reuid={Unprivileged}", $"--regid={Unprivileged}", "--clear-groups", "--", program, .. command.Skip(1)])
            : new ProcessStartInfo(program, command.Skip(1));
        start.WorkingDirectory = _app;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        start.Environment["HOME"] = _data;
        foreach (var (key, value) in _image.Environment)
            start.Environment[key] = value.StartsWith(_image.Volume, StringComparison.Ordinal) ? _data + value[_image.Volume.Length..] : value;
        foreach (var (module, port) in _ports) start.Environment[$"Ports__{module}"] = $"{port}";
        return start;
    }

    private static async Task<(int Exit, string Output)> RunAsync(string program, string[] arguments, TimeSpan within)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, UseShellExecute = false, RedirectStandardError = true };
        return await RunCommandAsync(start, within);
    }

    private static async Task<(int Exit, string Output)> RunCommandAsync(ProcessStartInfo start, TimeSpan within)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(within);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"still running after {within.TotalSeconds} s");
        }
        return (process.ExitCode, await output + await error);
    }

    private static string[] Tree(string directory) =>
        Directory.GetFileSystemEntries(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(path => $"{path} {(File.Exists(path) ? new FileInfo(path).Length : 0)} {File.GetLastWriteTimeUtc(path):O}").ToArray();

    /// <summary>Root switches to an unprivileged user, when that user can reach the published tree (a temporary directory under /root cannot).</summary>
    private bool IsRoot => !OperatingSystem.IsWindows() && Environment.UserName == "root" && OthersCanEnter(Path.GetDirectoryName(_root)!);

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static bool OthersCanEnter(string directory)
    {
        for (var path = Path.GetFullPath(directory); !string.IsNullOrEmpty(path); path = Path.GetDirectoryName(path))
            if (!File.GetUnixFileMode(path).HasFlag(UnixFileMode.OtherExecute)) return false;
        return true;
    }

    private const string Unprivileged = "65534"; // nobody:nogroup, as the image's `app` user owns nothing but the volume
}
