using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Ecommerce.IntegrationTests.Infrastructure;

/// <summary>
/// A real Redis for a test, from Debian's <c>redis-server</c> package: started on a free port with nothing kept on
/// disk, stopped when disposed. Where the binary is missing, the test is skipped with that reason.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;

    private RedisServer(Process process, int port) => (_process, Port) = (process, port);

    public int Port { get; }

    /// <summary>The value of <c>ConnectionStrings:Redis</c> that reaches it.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var binary = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "redis-server")).FirstOrDefault(File.Exists);
        if (binary is null) Assert.Ignore("redis-server is not installed; install Debian's redis-server package");
        var port = FreePorts.Next();
        var process = Process.Start(new ProcessStartInfo(binary!,
            ["--port", $"{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"])
        {
            RedirectStandardOutput = true, UseShellExecute = false, RedirectStandardError = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, port);
        if (!await Eventually.TrueAsync(server.AnswersAsync, TimeSpan.FromSeconds(30)))
            throw new TimeoutException($"redis-server did not answer PING on port {port} within 30 s");
        return server;
    }

    /// <summary>PING → +PONG, over the wire protocol itself.</summary>
    private async Task<bool> AnswersAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
