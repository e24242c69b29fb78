using System.Buffers;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Ecommerce.Shared.Outbox;

namespace Ecommerce.Notifications.Delivery;

/// <summary>A message as it goes on the wire: the envelope's addresses (ASCII unless <see cref="International"/>) and the MIME bytes.</summary>
internal sealed record SmtpEnvelope(string From, string To, bool International, byte[] Message);

/// <summary>
/// One conversation with an SMTP server (RFC 5321): connected, secured and logged in as configured, then any number of
/// groups of messages. Where the server offers PIPELINING and CHUNKING (RFC 2920, RFC 3030: Postfix, Exchange, Gmail)
/// a whole group goes out in one write, each message as RSET, MAIL, RCPT and <c>BDAT n LAST</c> with its bytes, and the
/// replies are read as they come: one round trip for the group, where a client that sends a message at a time waits two
/// per message (both ends woken each time). Elsewhere each message goes by DATA, its MAIL, RCPT and DATA in one write
/// where PIPELINING is offered, a command at a time where not. MailKit sends one message per call, so it could not do
/// the first; MimeKit still writes every message.
/// </summary>
internal sealed class SmtpSession : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly SmtpReplies _replies;
    private Stream _stream;
    private HashSet<string> _extensions = [];
    private string[] _authMechanisms = [];

    private SmtpSession(Socket socket, Stream stream)
    {
        _socket = socket;
        _stream = stream;
        _replies = new SmtpReplies(stream);
    }

    public bool IsSecure => _stream is SslStream;

    /// <summary>The server said 421 (closing): no QUIT.</summary>
    private bool _closing;

    private bool Offers(string extension) => _extensions.Contains(extension);

    /// <summary>
    /// Connects and greets; TLS as <see cref="SmtpOptions.Security"/> says (<c>StartTls</c> and <c>SslOnConnect</c> never
    /// fall back to plain text; <c>Auto</c> is TLS on port 465 and STARTTLS wherever offered); then logs in with
    /// AUTH PLAIN or LOGIN when a user name is set. A refusal on the way is an <see cref="IOException"/>: worth another try.
    /// </summary>
    public static async Task<SmtpSession> OpenAsync(SmtpOptions smtp, RemoteCertificateValidationCallback? trust, CancellationToken cancellationToken)
    {
        var onConnect = smtp.Security == SmtpSecurity.SslOnConnect || (smtp.Security == SmtpSecurity.Auto && smtp.Port == 465);
        var port = smtp.Port != 0 ? smtp.Port : smtp.Security == SmtpSecurity.SslOnConnect ? 465 : 25;
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        SmtpSession? session = null;
        try
        {
            await socket.ConnectAsync(new DnsEndPoint(smtp.Host!, port), cancellationToken);
            session = new SmtpSession(socket, new NetworkStream(socket, ownsSocket: false));
            if (onConnect) await session.SecureAsync(smtp.Host!, trust, cancellationToken);
            await session.ExpectAsync(null, 220, "greeting", cancellationToken);
            await session.HelloAsync(cancellationToken);
            if (!session.IsSecure && smtp.Security is SmtpSecurity.StartTls or SmtpSecurity.Auto)
            {
                if (session.Offers("STARTTLS"))
                {
                    await session.ExpectAsync("STARTTLS", 220, "STARTTLS", cancellationToken);
                    await session.SecureAsync(smtp.Host!, trust, cancellationToken);
                    await session.HelloAsync(cancellationToken);
                }
                else if (smtp.Security == SmtpSecurity.StartTls)
                    throw new IOException("The SMTP server does not offer STARTTLS, which Notifications:Smtp:Security requires: nothing is sent in plain text");
            }
            if (smtp.UserName is { Length: > 0 } user) await session.LogInAsync(user, smtp.Password!, cancellationToken);
            return session;
        }
        catch
        {
            if (session is not null) await session.DisposeAsync();
            else socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Hands the messages over in order and adds each one's outcome to <paramref name="outcomes"/> as its replies arrive:
    /// taken (the final 250), refused for good (a 5xx) or worth another try (a 4xx). Throws when the conversation breaks;
    /// the messages without an outcome then have had no answer (some may have been taken: the Message-Id tells).
    /// </summary>
    public async Task SendAsync(IReadOnlyList<SmtpEnvelope> messages, List<Attempt> outcomes, CancellationToken cancellationToken)
    {
        if (Offers("PIPELINING") && Offers("CHUNKING")) await SendGroupAsync(messages, outcomes, cancellationToken);
        else
            foreach (var message in messages) outcomes.Add(await SendByDataAsync(message, cancellationToken));
    }

    private async Task SendGroupAsync(IReadOnlyList<SmtpEnvelope> messages, List<Attempt> outcomes, CancellationToken cancellationToken)
    {
        var group = new ArrayBufferWriter<byte>(messages.Sum(m => m.Message.Length + 200));
        foreach (var message in messages)
        {
            // RSET first: after a refused RCPT or BDAT the server may still hold that transaction open.
            Write(group, "RSET\r\n");
            Write(group, MailCommand(message));
            Write(group, $"RCPT TO:<{message.To}>\r\nBDAT {message.Message.Length} LAST\r\n");
            group.Write(message.Message);
        }
        // Written while the replies are read, so neither end can wait on a full buffer of the other's.
        var writing = WriteAsync(group.WrittenMemory, cancellationToken);
        try
        {
            foreach (var message in messages)
            {
                var replies = new SmtpReply[4];
                for (var i = 0; i < replies.Length; i++) replies[i] = await _replies.ReadAsync(cancellationToken);
                outcomes.Add(Outcome(replies));
            }
        }
        finally
        {
            try
            {
                await writing;
            }
            catch (Exception) when (outcomes.Count < messages.Count)
            {
                // The read's failure is the one reported; this write failed with the same connection.
            }
        }
    }

    private async Task<Attempt> SendByDataAsync(SmtpEnvelope message, CancellationToken cancellationToken)
    {
        string[] commands = [MailCommand(message), $"RCPT TO:<{message.To}>\r\n", "DATA\r\n"];
        var replies = new List<SmtpReply>(commands.Length);
        if (Offers("PIPELINING"))
        {
            await WriteAsync(Encoding.UTF8.GetBytes(string.Concat(commands)), cancellationToken);
            foreach (var _ in commands) replies.Add(await _replies.ReadAsync(cancellationToken));
        }
        else
            foreach (var command in commands)
            {
                await WriteAsync(Encoding.UTF8.GetBytes(command), cancellationToken);
                replies.Add(await _replies.ReadAsync(cancellationToken));
                if (!replies[^1].Positive) break;
            }
        if (replies[^1].Code != 354 || replies.Any(r => !r.Positive))
        {
            // A server that opened DATA after a refused recipient gets an empty text, which it cannot deliver to anyone.
            if (replies[^1].Code == 354) await CommandAsync(".", cancellationToken);
            var refusal = Outcome(replies);
            await CommandAsync("RSET", cancellationToken);
            return refusal;
        }
        await WriteAsync(DotStuffed(message.Message), cancellationToken);
        return Outcome([await _replies.ReadAsync(cancellationToken)]);
    }

    /// <summary>
    /// The first reply that is not positive decides; else the last (the message's 250). A 421 (the server closes, say after
    /// its idle timeout) decides nothing about the message: the conversation ends there, and a kept connection's group is
    /// tried once more on a fresh one (<see cref="SmtpConnection"/>).
    /// </summary>
    private Attempt Outcome(IReadOnlyList<SmtpReply> replies)
    {
        if (replies.Any(r => r.Closing))
        {
            _closing = true;
            throw new IOException($"The SMTP server is closing the connection: {replies.First(r => r.Closing)}");
        }
        foreach (var reply in replies)
            if (!reply.Positive) return new Attempt(reply.Code >= 500 ? Shared.Outbox.Delivery.Refused : Shared.Outbox.Delivery.Retry, reply.ToString());
        return Attempt.Accepted(replies[^1].ToString());
    }

    /// <summary>SMTPUTF8 where an address needs it and the server takes it; elsewhere the server refuses it (553).</summary>
    private string MailCommand(SmtpEnvelope message) =>
        message.International && Offers("SMTPUTF8") ? $"MAIL FROM:<{message.From}> SMTPUTF8\r\n" : $"MAIL FROM:<{message.From}>\r\n";

    /// <summary>The text with each line that starts with a dot given another (RFC 5321 §4.5.2), then the lone dot.</summary>
    internal static byte[] DotStuffed(byte[] text)
    {
        var stuffed = new ArrayBufferWriter<byte>(text.Length + 64);
        for (ReadOnlySpan<byte> rest = text; rest.Length > 0;)
        {
            if (rest[0] == (byte)'.') stuffed.Write("."u8);
            var newline = rest.IndexOf((byte)'\n');
            var line = newline < 0 ? rest : rest[..(newline + 1)];
            stuffed.Write(line);
            rest = rest[line.Length..];
        }
        if (text.Length > 0 && text[^1] != (byte)'\n') stuffed.Write("\r\n"u8);
        stuffed.Write(".\r\n"u8);
        return stuffed.WrittenSpan.ToArray();
    }

    private async Task HelloAsync(CancellationToken cancellationToken)
    {
        var local = (IPEndPoint)_socket.LocalEndPoint!;
        var name = local.Address.IsIPv4MappedToIPv6 ? $"[{local.Address.MapToIPv4()}]"
            : local.AddressFamily == AddressFamily.InterNetworkV6 ? $"[IPv6:{local.Address}]" : $"[{local.Address}]";
        var hello = await ExpectAsync($"EHLO {name}", 250, "EHLO", cancellationToken);
        // After the server's name, a line per extension: its keyword, then its parameters ("AUTH PLAIN LOGIN", or the old "AUTH=PLAIN LOGIN").
        var extensions = hello.Lines.Skip(1).Select(line => line.ToUpperInvariant().Split([' ', '='], StringSplitOptions.RemoveEmptyEntries))
            .Where(words => words.Length > 0).ToList();
        _extensions = [.. extensions.Select(words => words[0])];
        _authMechanisms = [.. extensions.Where(words => words[0] == "AUTH").SelectMany(words => words.Skip(1))];
    }

    /// <summary>AUTH PLAIN where offered, else LOGIN; the password goes only to the server, never into an error.</summary>
    private async Task LogInAsync(string user, string password, CancellationToken cancellationToken)
    {
        if (_authMechanisms.Contains("PLAIN"))
        {
            await ExpectAsync($"AUTH PLAIN {Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{user}\0{password}"))}", 235, "AUTH PLAIN", cancellationToken);
            return;
        }
        if (!_authMechanisms.Contains("LOGIN"))
            throw new IOException($"The SMTP server offers no login this client speaks (PLAIN, LOGIN): {string.Join(' ', _authMechanisms)}");
        await ExpectAsync("AUTH LOGIN", 334, "AUTH LOGIN", cancellationToken);
        await ExpectAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(user)), 334, "AUTH LOGIN", cancellationToken);
        await ExpectAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(password)), 235, "AUTH LOGIN", cancellationToken);
    }

    private async Task SecureAsync(string host, RemoteCertificateValidationCallback? trust, CancellationToken cancellationToken)
    {
        var tls = new SslStream(_stream, leaveInnerStreamOpen: false);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = host, RemoteCertificateValidationCallback = trust }, cancellationToken);
        _stream = tls;
        _replies.Stream = tls;
        _replies.Discard();
    }

    /// <summary>Sends a command (none: only reads) and reads its reply; any other code than <paramref name="code"/> is an <see cref="IOException"/>.</summary>
    private async Task<SmtpReply> ExpectAsync(string? command, int code, string step, CancellationToken cancellationToken)
    {
        var reply = command is null ? await _replies.ReadAsync(cancellationToken) : await CommandAsync(command, cancellationToken);
        if (reply.Code != code) throw new IOException($"The SMTP server refused {step}: {reply}");
        return reply;
    }

    private async Task<SmtpReply> CommandAsync(string command, CancellationToken cancellationToken)
    {
        await WriteAsync(Encoding.UTF8.GetBytes(command + "\r\n"), cancellationToken);
        return await _replies.ReadAsync(cancellationToken);
    }

    private async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(bytes, cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    private static void Write(ArrayBufferWriter<byte> buffer, string text) =>
        buffer.Advance(Encoding.UTF8.GetBytes(text, buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length))));

    /// <summary>QUIT when the server still listens (within a second), then the socket closes.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_closing && _socket.Connected)
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await CommandAsync("QUIT", quick.Token);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Closing a connection that is already broken: nothing to do about it.
        }
        await _stream.DisposeAsync();
        _socket.Dispose();
    }
}
