using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ecommerce.Testing;

/// <summary>
/// An SMTP server on 127.0.0.1 that takes every message: point the host at it (<see cref="HostSettings"/>) and a test sees
/// the emails as they arrive (<see cref="Received"/>, when asked to keep them); the benchmarks' far end, which only counts,
/// cheap enough not to be what they measure. It offers what real servers do: PIPELINING, 8BITMIME, SIZE and CHUNKING.
/// A latency delays every answer (each write of replies), as a provider across the internet answers each exchange a
/// round trip later: DATA costs a message three such waits (MAIL and RCPT together, DATA, the text), BDAT two.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly TimeSpan _latency;
    private readonly string _hello;
    private readonly ConcurrentQueue<SunkEmail>? _received;
    private int _messages;
    private int _connections;
    private int _answers;
    private readonly ConcurrentDictionary<string, bool> _tempFailed = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<TcpClient, Conversation> _open = new();
    private long _lastMessageTicks;

    /// <param name="latency">How much later each write of replies goes out.</param>
    /// <param name="keepMessages">Keep each message taken (<see cref="Received"/>).</param>
    /// <param name="pipelining">false: no PIPELINING, so a client sends a command at a time.</param>
    /// <param name="chunking">false: no CHUNKING, so a client sends each message by DATA.</param>
    public SmtpSink(TimeSpan latency = default, bool keepMessages = false, bool pipelining = true, bool chunking = true)
    {
        _latency = latency;
        _hello = $"250-sink\r\n{(pipelining ? "250-PIPELINING\r\n" : "")}250-8BITMIME\r\n{(chunking ? "250-CHUNKING\r\n" : "")}250 SIZE 52428800";
        _received = keepMessages ? new() : null;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public int Messages => Volatile.Read(ref _messages);
    /// <summary>The messages taken so far, in arrival order; empty unless kept (<c>keepMessages</c>).</summary>
    public IReadOnlyCollection<SunkEmail> Received => _received ?? [];
    public int Connections => Volatile.Read(ref _connections);
    /// <summary>How many times it wrote replies: a client waits a round trip for each.</summary>
    public int Answers => Volatile.Read(ref _answers);
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

    /// <summary>
    /// Says 421 and ends every connection, as a server does at its idle timeout (Postfix's after 5 minutes): it sends
    /// nothing more and drops what the client still sends, so a client's kept connection reads that 421 on its next use.
    /// </summary>
    public async Task TimeOutConnectionsAsync()
    {
        foreach (var (client, conversation) in _open)
        {
            conversation.Silent = true;
            try
            {
                await client.GetStream().WriteAsync("421 4.4.2 sink Error: timeout exceeded\r\n"u8.ToArray());
                client.Client.Shutdown(SocketShutdown.Send);
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException or SocketException)
            {
            }
        }
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

    /// <summary>
    /// One client's conversation, read as bytes: replies are written together once the input at hand is answered, as
    /// servers answer a pipelined group (Postfix does), not a write per reply.
    /// </summary>
    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        client.NoDelay = true; // replies are small and answered one by one: no Nagle wait for the client's delayed ACK
        var stream = client.GetStream();
        var conversation = new Conversation(this);
        _open[client] = conversation;
        var input = new byte[64 * 1024];
        int start = 0, end = 0;
        try
        {
            while (true)
            {
                if (conversation.Replies.Length > 0)
                {
                    if (_latency > TimeSpan.Zero) await Task.Delay(_latency, _stop.Token);
                    await stream.WriteAsync(conversation.Replies.GetBuffer().AsMemory(0, (int)conversation.Replies.Length), _stop.Token);
                    Interlocked.Increment(ref _answers);
                    conversation.Replies.SetLength(0);
                }
                if (conversation.Ended) return;
                if (start == end) start = end = 0;
                else if (end == input.Length)
                {
                    if (start == 0) return; // a line longer than the buffer: not SMTP
                    input.AsSpan(start, end - start).CopyTo(input);
                    (start, end) = (0, end - start);
                }
                var read = await stream.ReadAsync(input.AsMemory(end), _stop.Token);
                if (read == 0) return;
                end += read;
                start += conversation.Answer(input.AsSpan(start, end - start));
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            _open.TryRemove(client, out var _);
        }
    }

    private void Took(SunkEmail? email)
    {
        if (email is not null) _received!.Enqueue(email);
        Interlocked.Increment(ref _messages);
        Interlocked.Exchange(ref _lastMessageTicks, Stopwatch.GetTimestamp());
    }

    /// <summary>Where one connection stands: commands, a DATA text (until its lone dot) or a BDAT chunk (its byte count).</summary>
    private sealed class Conversation(SmtpSink sink)
    {
        private bool _inData;
        private long _chunkLeft = -1;
        private bool _lastChunk;
        private readonly MemoryStream? _content = sink._received is null ? null : new();
        private readonly List<string> _recipients = [];

        public MemoryStream Replies { get; } = Reply(new MemoryStream(), "220 sink ESMTP");
        public bool Ended { get; private set; }

        /// <summary>Timed out (<see cref="TimeOutConnectionsAsync"/>): what the client still sends is dropped unanswered.</summary>
        public bool Silent { get; set; }

        /// <summary>Answers the whole commands, lines and chunk bytes in <paramref name="input"/>; how many bytes it used.</summary>
        public int Answer(ReadOnlySpan<byte> input)
        {
            if (Silent) return input.Length;
            var used = 0;
            while (used < input.Length && !Ended)
            {
                var rest = input[used..];
                if (_chunkLeft >= 0)
                {
                    var taken = (int)Math.Min(_chunkLeft, rest.Length);
                    _content?.Write(rest[..taken]);
                    used += taken;
                    _chunkLeft -= taken;
                    if (_chunkLeft > 0) break;
                    _chunkLeft = -1;
                    if (_lastChunk) Take("BDAT");
                    else Reply(Replies, "250 2.0.0 chunk taken");
                    continue;
                }
                var lineEnd = rest.IndexOf("\r\n"u8);
                if (lineEnd < 0) break;
                used += lineEnd + 2;
                Line(rest[..lineEnd]);
            }
            return used;
        }

        private void Line(ReadOnlySpan<byte> line)
        {
            if (_inData)
            {
                if (line.SequenceEqual("."u8))
                {
                    _inData = false;
                    Take("DATA");
                    return;
                }
                _content?.Write(line.StartsWith("."u8) ? line[1..] : line); // a leading dot was doubled by the client
                _content?.Write("\r\n"u8);
                return;
            }
            var text = Encoding.Latin1.GetString(line);
            switch (text.Length < 4 ? "" : text[..4].ToUpperInvariant())
            {
                case "EHLO":
                    Reply(Replies, sink._hello);
                    break;
                case "MAIL" or "RSET":
                    _recipients.Clear();
                    _content?.SetLength(0);
                    Reply(Replies, "250 OK");
                    break;
                case "RCPT" when Path(text) is { } recipient:
                    if (recipient.StartsWith("reject", StringComparison.OrdinalIgnoreCase))
                        Reply(Replies, "550 5.1.1 No such mailbox here");
                    else if (recipient.StartsWith("tempfail", StringComparison.OrdinalIgnoreCase) && sink._tempFailed.TryAdd(recipient, true))
                        Reply(Replies, "451 4.3.0 Mailbox busy, try again later");
                    else
                    {
                        _recipients.Add(recipient);
                        Reply(Replies, "250 OK");
                    }
                    break;
                case "DATA" when _recipients.Count == 0:
                    Reply(Replies, "554 5.5.1 Error: no valid recipients");
                    break;
                case "DATA":
                    Reply(Replies, "354 end with .");
                    _inData = true;
                    break;
                case "BDAT" when text[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var size, ..] arguments
                                 && long.TryParse(size, System.Globalization.CultureInfo.InvariantCulture, out var bytes) && bytes >= 0:
                    _chunkLeft = bytes;
                    _lastChunk = arguments.Length > 1 && arguments[1].Equals("LAST", StringComparison.OrdinalIgnoreCase);
                    break;
                case "RCPT" or "BDAT":
                    Reply(Replies, "501 5.5.4 Syntax error in parameters");
                    break;
                case "QUIT":
                    Reply(Replies, "221 bye");
                    Ended = true;
                    break;
                default:
                    Reply(Replies, "250 OK");
                    break;
            }
        }

        /// <summary>The address between the angle brackets of <c>RCPT TO:&lt;…&gt;</c>; null when there are none.</summary>
        private static string? Path(string command)
        {
            var open = command.IndexOf('<');
            var close = open < 0 ? -1 : command.IndexOf('>', open);
            return close < 0 ? null : command[(open + 1)..close];
        }

        private void Take(string command)
        {
            if (_recipients.Count == 0)
            {
                _content?.SetLength(0);
                Reply(Replies, "554 5.5.1 Error: no valid recipients");
                return;
            }
            sink.Took(_content is null ? null : new SunkEmail(command, [.. _recipients], _content.ToArray()));
            _content?.SetLength(0);
            _recipients.Clear();
            Reply(Replies, "250 2.0.0 Ok: queued");
        }

        private static MemoryStream Reply(MemoryStream replies, string reply)
        {
            replies.Write(Encoding.ASCII.GetBytes(reply));
            replies.Write("\r\n"u8);
            return replies;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
    }
}

/// <summary>A message as the sink took it: by DATA or BDAT, to whom, and its raw bytes (headers and body).</summary>
public sealed record SunkEmail(string Command, IReadOnlyList<string> Recipients, byte[] Raw);
