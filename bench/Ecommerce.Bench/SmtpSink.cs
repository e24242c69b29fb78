using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ecommerce.Bench;

/// <summary>
/// An SMTP server that takes every message and keeps nothing but counts: the far end of the delivery benchmarks, fast
/// enough not to be what is measured (PIPELINING and 8BITMIME offered, as real servers do). Listens on 127.0.0.1.
/// A latency delays each message's final reply, as a provider across the internet answers after a round trip.
/// </summary>
internal sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly TimeSpan _latency;
    private int _messages;
    private int _connections;
    private long _lastMessageTicks;


    public SmtpSink(TimeSpan latency = default)
    {
        _latency = latency;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public int Messages => Volatile.Read(ref _messages);
    public int Connections => Volatile.Read(ref _connections);
    /// <summary>When the last message was taken (Stopwatch ticks).</summary>
    public long LastMessageAt => Interlocked.Read(ref _lastMessageTicks);

    /// <summary>
    /// Waits (at most 10 minutes) until <paramref name="count"/> messages in all arrived; the time from
    /// <paramref name="since"/> (a Stopwatch timestamp) to the last of them.
    /// </summary>
    public async Task<TimeSpan> WaitForAsync(int count, long since)
    {
        var deadline = Stopwatch.StartNew();
        while (Messages < count && deadline.Elapsed < TimeSpan.FromMinutes(10)) await Task.Delay(5);
        return Stopwatch.GetElapsedTime(since, LastMessageAt);
    }

    public Dictionary<string, string> HostSettings => new()
    {
        ["Notifications:Smtp:Host"] = "127.0.0.1",
        ["Notifications:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:Smtp:Security"] = "None",
        ["Notifications:Smtp:From"] = "shop@example.com",
    };

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                _ = ServeAsync(client);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        client.NoDelay = true; // replies are small and answered one by one: no Nagle wait for the client's delayed ACK
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.Latin1);
        await using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = false };
        await writer.WriteLineAsync("220 sink ESMTP");
        await writer.FlushAsync();
        try
        {
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteAsync("250-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 52428800\r\n");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 end with .");
                        await writer.FlushAsync();
                        while (await reader.ReadLineAsync(_stop.Token) is { } body && body != ".")
                        {
                        }
                        if (_latency > TimeSpan.Zero) await Task.Delay(_latency);
                        Interlocked.Increment(ref _messages);
                        Interlocked.Exchange(ref _lastMessageTicks, Stopwatch.GetTimestamp());
                        await writer.WriteLineAsync("250 2.0.0 Ok: queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 bye");
                        await writer.FlushAsync();
                        return;
                    default:
                        await writer.WriteLineAsync("250 OK");
                        break;
                }
                await writer.FlushAsync();
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
    }
}
