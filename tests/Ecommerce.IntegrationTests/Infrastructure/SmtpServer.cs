using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using MimeKit;

namespace Ecommerce.IntegrationTests.Infrastructure;

/// <summary>
/// A real SMTP server for a test: Debian's <c>python3-aiosmtpd</c> running <c>smtp_server.py</c> on a free (or given) port,
/// reporting each message it takes as it takes it. Recipients <c>reject…@</c> get 550, <c>tempfail…@</c> 451 once. With a
/// certificate it requires STARTTLS (or, told so, TLS from the first byte); with a login (<c>user:password</c>) it requires AUTH. Stopped when disposed. Where aiosmtpd is missing, the test is skipped with that reason.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";

    private readonly Process _process;
    private readonly ConcurrentQueue<ReceivedEmail> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SmtpServer(Process process, int port)
    {
        _process = process;
        Port = port;
        process.OutputDataReceived += (_, line) => Read(line.Data);
        process.ErrorDataReceived += (_, _) => { };
        process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException("smtp_server.py exited before it listened"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    public IReadOnlyCollection<ReceivedEmail> Received => _received;

    /// <summary>Each AUTH the server was asked for: its mechanism and whether the login was right.</summary>
    public IReadOnlyCollection<(string Mechanism, bool Success)> Logins => _logins;

    private readonly ConcurrentQueue<(string, bool)> _logins = new();

    /// <summary>The settings that point the host at this server.</summary>
    public Dictionary<string, string?> HostSettings(string security = "None") => new()
    {
        ["Notifications:Smtp:Host"] = "127.0.0.1",
        ["Notifications:Smtp:Port"] = $"{Port}",
        ["Notifications:Smtp:Security"] = security,
        ["Notifications:Smtp:From"] = "shop@example.com",
        ["Notifications:Smtp:FromName"] = "サンプルショップ",
    };

    public static async Task<SmtpServer> StartAsync(int? port = null, string? certificateFile = null, string? keyFile = null, string? login = null,
        bool tlsOnConnect = false)
    {
        if (!File.Exists(Python) || !HasAiosmtpd()) Assert.Ignore("aiosmtpd is not installed; install Debian's python3-aiosmtpd package");
        var chosen = port ?? FreePorts.Next();
        var script = Path.Combine(AppContext.BaseDirectory, "Infrastructure", "smtp_server.py");
        var arguments = new List<string> { script, "--port", $"{chosen}" };
        if (certificateFile is not null) arguments.AddRange(["--cert", certificateFile, "--key", keyFile!]);
        if (login is not null) arguments.AddRange(["--auth", login]);
        if (tlsOnConnect) arguments.Add("--tls-on-connect");
        var process = Process.Start(new ProcessStartInfo(Python, arguments)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        process.EnableRaisingEvents = true;
        var server = new SmtpServer(process, chosen);
        await server._ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return server;
    }

    /// <summary>Waits until at least <paramref name="count"/> messages arrived in all (false when they did not in time).</summary>
    public async Task<bool> WaitForAsync(int count, TimeSpan within)
    {
        using var deadline = new CancellationTokenSource(within);
        try
        {
            while (_received.Count < count) await _arrived.WaitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return _received.Count >= count;
        }
    }

    private void Read(string? line)
    {
        if (string.IsNullOrEmpty(line)) return;
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        if (root.GetProperty("event").GetString() == "ready")
        {
            _ready.TrySetResult();
            return;
        }
        if (root.GetProperty("event").GetString() == "auth")
        {
            _logins.Enqueue((root.GetProperty("mechanism").GetString()!, root.GetProperty("success").GetBoolean()));
            return;
        }
        var raw = Convert.FromBase64String(root.GetProperty("data").GetString()!);
        _received.Enqueue(new ReceivedEmail(root.GetProperty("peer").GetString()!, root.GetProperty("mail_from").GetString()!,
            root.GetProperty("rcpt_tos").EnumerateArray().Select(r => r.GetString()!).ToList(), MimeMessage.Load(new MemoryStream(raw)), raw));
        _arrived.Release();
    }

    private static bool HasAiosmtpd()
    {
        using var check = Process.Start(new ProcessStartInfo(Python, ["-c", "import aiosmtpd"]) { RedirectStandardError = true, UseShellExecute = false })!;
        check.WaitForExit();
        return check.ExitCode == 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}

/// <summary>A message as the server took it: the connection it came over, the envelope, the parsed message and its raw bytes.</summary>
public sealed record ReceivedEmail(string Peer, string MailFrom, IReadOnlyList<string> Recipients, MimeMessage Message, byte[] Raw);
